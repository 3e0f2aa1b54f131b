// Replaced at build time by scripts/manifest.mjs with the release version and
// integrity hashes. This placeholder (no hashes) serves a development copy.
export default { version: null, integrity: {} };
