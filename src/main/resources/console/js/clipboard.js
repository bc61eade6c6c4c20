// Copy to the clipboard, with a visible and announced result.

import {h, announce} from './dom.js';

/**
 * The asynchronous Clipboard API where the page is a secure context (https, or localhost);
 * elsewhere (keymint on plain http under another host name) the older copy command, which
 * works there too.
 */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // permission refused: try the older way
    }
  }
  const scratch = h('textarea', {value: text, readOnly: true, class: 'clipboard-scratch', 'aria-hidden': 'true'});
  document.body.append(scratch);
  scratch.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  scratch.remove();
  return copied;
}

/**
 * A button that copies `text`; `what` names it ("client ID"), `label` tells it apart from the
 * other copy buttons on the page for screen readers ("Copy client ID of Nightly report").
 */
export function copyButton(text, what, {withLabel = false, label = `Copy ${what}`} = {}) {
  const idle = withLabel ? `Copy ${what}` : 'Copy';
  const button = h('button', {type: 'button', class: 'copy-button', 'aria-label': label, title: label}, idle);
  let reset;
  button.addEventListener('click', async () => {
    const copied = await copyText(text);
    button.textContent = copied ? 'Copied' : 'Copy failed';
    button.classList.toggle('copied', copied);
    announce(copied ? `${capitalize(what)} copied to the clipboard.`
      : `Could not copy the ${what}: select it and copy it by hand.`);
    clearTimeout(reset);
    reset = setTimeout(() => {
      button.textContent = idle;
      button.classList.remove('copied');
    }, 2500);
  });
  return button;
}

/** Copies, then announces the result (for menu items, which have no button of their own to change). */
export async function copyAndAnnounce(text, what) {
  const copied = await copyText(text);
  announce(copied ? `${capitalize(what)} copied to the clipboard.` : `Could not copy the ${what}.`);
  return copied;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
