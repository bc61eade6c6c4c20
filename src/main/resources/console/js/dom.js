// Builds DOM nodes without HTML strings: text is always text, so nothing the API returns can
// become markup (the page's Content-Security-Policy forbids HTML sinks anyway).

let nextId = 0;

/** A document-unique id for label/aria wiring. */
export function uid(prefix = 'id') {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/**
 * h('button', {class: 'primary', type: 'button', onclick: fn, 'aria-label': 'Close'}, 'Text', child)
 * Keys starting with "on" add listeners, "class" sets className, "aria-*", "data-*", "role", "for"
 * and "title" become attributes, anything else is set as a property (value, checked, disabled, ...).
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      element.className = value;
    } else if (key.startsWith('aria-') || key.startsWith('data-') || ['role', 'for', 'title', 'colspan',
      'scope', 'list', 'inputmode', 'autocomplete', 'spellcheck', 'datetime', 'form'].includes(key)) {
      element.setAttribute(key, value === true ? 'true' : String(value));
    } else {
      element[key] = value;
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else {
      parent.append(child instanceof Node ? child : String(child));
    }
  }
}

/** Replaces every child of the node. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A polite screen-reader announcement of something that happened (copied, saved, deleted). */
export function announce(message) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  // a change of text is what screen readers announce: clear first, then set on the next frame
  requestAnimationFrame(() => { region.textContent = message; });
}
