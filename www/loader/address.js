// Where the loader's own files are: beside the script that loaded it,
// never beside the host page, whatever the page did to find out.

/**
 * This file's own address and `data-base`. `document.currentScript` gives
 * them, except for a module (`<script type="module">`), which has none;
 * then the address is read from where an error says it was thrown (the
 * way Ruffle's loader finds itself), and failing that from the one script
 * tag whose address ends in /widget.js. Never the page's own address.
 */
export function ownScript() {
  var script = document.currentScript;
  // A hostile page can name an element "currentScript": check it is ours.
  if (script && script.tagName === "SCRIPT" && script.src) return { src: script.src, base: script.getAttribute("data-base") };
  var here = "";
  try {
    throw new Error();
  } catch (e) {
    var at = /(https?:\/\/[^\s()'"@]+?):\d+:\d+/.exec(String(e && e.stack));
    // A script file's address, never a page's (code a tag manager ran inline).
    if (at && /\.m?js(?:[?#]|$)/.test(at[1])) here = at[1];
  }
  var found = null;
  var count = 0;
  var tags = document.getElementsByTagName("script");
  for (var i = 0; i < tags.length; i++) {
    var src = tags[i].src;
    if (typeof src !== "string" || !src) continue;
    if (here ? src === here : /\/widget\.js(?:[?#]|$)/.test(src)) {
      found = tags[i];
      count++;
    }
  }
  if (here) return { src: here, base: found && found.getAttribute("data-base") };
  // Without the error's word for it, only an unambiguous tag will do.
  return count === 1 ? { src: found.src, base: found.getAttribute("data-base") } : {};
}

/** `name` resolved against `from`, even on a page whose `URL` is not the browser's. */
export function resolve(name, from) {
  try {
    var href = new URL(name, from).href;
    if (typeof href === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(href)) return href;
  } catch (e) {
    // falls through to plain string work
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(name)) return name;
  var dir = from.slice(0, from.lastIndexOf("/") + 1);
  return name === "." ? dir : dir + name;
}
