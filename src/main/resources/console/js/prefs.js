// Preferences of this browser (columns, page size, saved filters): localStorage, and nothing
// else ever goes there. Tokens and secrets stay in memory.

const PREFIX = 'keymint.console.';

export function load(name, fallback) {
  try {
    const raw = localStorage.getItem(PREFIX + name);
    return raw === null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

export function save(name, value) {
  try {
    localStorage.setItem(PREFIX + name, JSON.stringify(value));
  } catch {
    // storage full or disabled (private window): the preference lasts for this page only
  }
}
