// Replaced at build time by scripts/manifest.mjs with the release's version,
// languages, and the hashed names and integrity hashes of its engine and
// data. This placeholder serves a development copy (English, no hashes).
export default { version: null, release: "development", langs: [], files: {} };
