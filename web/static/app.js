// planlens: a little progressive enhancement; every page works without it.
'use strict';

// focusRecord marks record n in the list and its stretches of text, and
// scrolls both into view.
function focusRecord(n, scrollText) {
  for (const el of document.querySelectorAll('.focus')) el.classList.remove('focus');
  const li = document.getElementById('rec-' + n);
  if (li) { li.classList.add('focus'); li.scrollIntoView({block: 'nearest'}); }
  let first = null;
  for (const m of document.querySelectorAll('#doctext mark[data-recs]')) {
    if (m.dataset.recs.split(' ').includes(String(n))) { m.classList.add('focus'); first = first || m; }
  }
  if (first && scrollText) first.scrollIntoView({block: 'center'});
}

document.addEventListener('DOMContentLoaded', () => {
  // Filter selects submit their form when changed.
  for (const el of document.querySelectorAll('select.autosubmit, .filters select')) {
    el.addEventListener('change', () => el.form && el.form.submit());
  }
  const text = document.getElementById('doctext');
  if (!text) return;
  // A record of the list: scroll to its span.
  for (const a of document.querySelectorAll('.rec .jump')) {
    a.addEventListener('click', ev => {
      ev.preventDefault();
      const n = a.closest('.rec').dataset.rec;
      history.replaceState(null, '', '#r-' + n);
      focusRecord(n, true);
    });
  }
  // A highlighted stretch of text: show its (innermost) record in the list.
  text.addEventListener('click', ev => {
    const m = ev.target.closest('mark[data-recs]');
    if (!m || window.getSelection().toString()) return;
    const recs = m.dataset.recs.split(' ');
    focusRecord(recs[recs.length - 1], false);
  });
  // Reached from a search hit: the linked record is focused.
  const linked = document.querySelector('.rec.focus');
  if (linked) focusRecord(linked.dataset.rec, true);
  else if (location.hash.startsWith('#r-')) focusRecord(location.hash.slice(3), true);
});
