// How values read on screen: dates in the browser's locale and time zone, with the exact
// instant in the element's datetime attribute and tooltip.

import {h} from './dom.js';

const dateTime = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});
const date = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium'});
const time = new Intl.DateTimeFormat(undefined, {timeStyle: 'short'});

export function formatDateTime(iso) {
  return dateTime.format(new Date(iso));
}

/** A <time> element (date, then time: tables put them on two lines), or the fallback text. */
export function when(iso, fallback = '—') {
  if (!iso) {
    return h('span', {class: 'muted'}, fallback);
  }
  const instant = new Date(iso);
  return h('time', {datetime: iso, title: iso}, h('span', {class: 'date'}, date.format(instant)), ' ',
    h('span', {class: 'time'}, time.format(instant)));
}

/** "15:34" today, otherwise date and time. */
export function shortWhen(instant) {
  const sameDay = instant.toDateString() === new Date().toDateString();
  return sameDay ? time.format(instant) : dateTime.format(instant);
}

/** "in 29 minutes", "in 45 seconds". */
export function fromNow(date) {
  const seconds = Math.max(0, Math.round((date.getTime() - Date.now()) / 1000));
  if (seconds < 90) {
    return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) {
    return `in ${minutes} minutes`;
  }
  return `in ${Math.round(minutes / 60)} hours`;
}

export function plural(count, one, many = `${one}s`) {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
