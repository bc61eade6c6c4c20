// A menu button (WAI-ARIA menu pattern): Enter, Space or ArrowDown opens it, arrows move,
// Escape closes and returns focus, a click elsewhere closes it.

import {h, uid} from './dom.js';

/**
 * items: [{label, onSelect, disabled, reason}]. A disabled item stays in the menu, reachable,
 * with the reason it is not available written under it.
 */
export function menuButton(label, items, {buttonLabel, className = ''} = {}) {
  const menuId = uid('menu');
  const button = h('button', {type: 'button', class: `menu-button ${className}`.trim(), 'aria-haspopup': 'menu',
    'aria-expanded': 'false', 'aria-controls': menuId, 'aria-label': buttonLabel}, label);
  const entries = items.map(item => {
    const reasonId = item.disabled && item.reason ? uid('reason') : null;
    return h('li', {role: 'none'}, h('button', {
      type: 'button', role: 'menuitem', tabIndex: -1, 'aria-disabled': item.disabled ? 'true' : null,
      'aria-label': item.label, 'aria-describedby': reasonId, onclick: () => {
        if (item.disabled) {
          return;
        }
        close(true);
        item.onSelect();
      },
    }, item.label, reasonId && h('span', {class: 'menu-reason', id: reasonId}, item.reason)));
  });
  const menu = h('ul', {class: 'menu', role: 'menu', id: menuId, 'aria-label': buttonLabel || label, hidden: true}, entries);
  const wrapper = h('div', {class: 'menu-wrapper'}, button, menu);
  const menuItems = () => [...menu.querySelectorAll('[role=menuitem]')];

  function open(focusLast = false) {
    // in the body while open: no scrolling container (a wide table) can cut it off
    document.body.append(menu);
    menu.hidden = false;
    place();
    button.setAttribute('aria-expanded', 'true');
    const all = menuItems();
    (focusLast ? all[all.length - 1] : all[0])?.focus({preventScroll: true});
    document.addEventListener('pointerdown', outside, true);
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
  }
  // fixed to the viewport, next to its button
  function place() {
    const anchor = button.getBoundingClientRect();
    const width = menu.offsetWidth;
    const height = menu.offsetHeight;
    const left = Math.max(8, Math.min(anchor.right - width, window.innerWidth - width - 8));
    const below = anchor.bottom + 4;
    const top = below + height > window.innerHeight - 8 ? Math.max(8, anchor.top - height - 4) : below;
    menu.style.left = `${left}px`;
    menu.style.top = `${top}px`;
  }
  function close(returnFocus) {
    menu.hidden = true;
    wrapper.append(menu);
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', outside, true);
    window.removeEventListener('resize', place);
    window.removeEventListener('scroll', place, true);
    if (returnFocus) {
      button.focus();
    }
  }
  function outside(event) {
    if (!wrapper.contains(event.target) && !menu.contains(event.target)) {
      close(false);
    }
  }
  button.addEventListener('click', () => (menu.hidden ? open() : close(true)));
  button.addEventListener('keydown', event => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      open(event.key === 'ArrowUp');
    }
  });
  menu.addEventListener('keydown', event => {
    const all = menuItems();
    const index = all.indexOf(document.activeElement);
    const focus = item => item.focus({preventScroll: true});
    if (event.key === 'ArrowDown') {
      focus(all[(index + 1) % all.length]);
    } else if (event.key === 'ArrowUp') {
      focus(all[(index - 1 + all.length) % all.length]);
    } else if (event.key === 'Home') {
      focus(all[0]);
    } else if (event.key === 'End') {
      focus(all[all.length - 1]);
    } else if (event.key === 'Escape') {
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
      return;
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  });
  return wrapper;
}
