// Tiny DOM helpers for the interface: elements are built from text, never
// from HTML, so nothing from the data can become markup.

/** Builds an element: `h("p", { class: "x", id: "y" }, child, "text")`. Text only, never HTML. */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === false || value == null) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "hidden") node.hidden = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c != null));
  return node;
}

/** An element with a class and text: `el("p", "hint", words)`. */
export const el = (tag, className, content) => h(tag, { class: className, text: content });
