// The box's looks and when it starts: its style sheet, applied however
// the page left style sheets working, and the moment it comes into view.

var sheet; // one constructable sheet that every box shares
/** The style sheet's text, fetched from `url`. */
export async function stylesheet(url) {
  var response = await fetch(url);
  if (!response.ok) throw new Error("HTTP " + response.status);
  return response.text();
}

/** Styles a box: a shared constructable sheet, or (on a page that broke those) a <style> of its own. */
export function applyStyles(root, css) {
  if (root._canRefuseStyled) return;
  try {
    if (!sheet) {
      var made = new CSSStyleSheet();
      made.replaceSync(css);
      sheet = made;
    }
    root.adoptedStyleSheets = [sheet];
  } catch (e) {
    var style = document.createElement("style");
    style.textContent = css;
    root.insertBefore(style, root.firstChild);
  }
  root._canRefuseStyled = true;
}

/**
 * Calls `go` once `element` comes into view. A working IntersectionObserver
 * reports at once, seen or not; one that never reports (a page's broken
 * stand-in) must not leave "Loading…" for ever, so after 1.5 s without a
 * report the box watches scrolling itself.
 */
export function whenSeen(element, go) {
  var reported = false;
  try {
    var observer = new IntersectionObserver(function (entries) {
      reported = true;
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) {
          observer.disconnect();
          return go();
        }
      }
    });
    observer.observe(element);
  } catch (e) {
    // watched by hand below
  }
  setTimeout(function () {
    if (!reported) watchByHand(element, go);
  }, 1500);
}

/** Starts `go` once `element` is on screen, from scroll and resize events. */
function watchByHand(element, go) {
  var check = function () {
    var box = element.getBoundingClientRect();
    var height = window.innerHeight || document.documentElement.clientHeight;
    if (box.bottom < 0 || box.top > height) return;
    window.removeEventListener("scroll", check, true);
    window.removeEventListener("resize", check);
    go();
  };
  window.addEventListener("scroll", check, true);
  window.addEventListener("resize", check);
  check();
}
