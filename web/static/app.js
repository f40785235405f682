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
  // A selection of text opens the form that adds a missed record. Every
  // piece of text sits in an element whose data-start is its byte offset.
  const add = document.getElementById('addform');
  if (add) {
    const utf8 = s => new TextEncoder().encode(s).length;
    const offset = (node, off) => {
      if (node.nodeType !== Node.TEXT_NODE) return null;
      const el = node.parentElement;
      if (!el || el.dataset.start === undefined || !text.contains(el)) return null;
      return Number(el.dataset.start) + utf8(node.data.slice(0, off));
    };
    text.addEventListener('mouseup', () => {
      const sel = window.getSelection();
      if (sel.isCollapsed || sel.rangeCount === 0) return;
      const r = sel.getRangeAt(0);
      const start = offset(r.startContainer, r.startOffset), end = offset(r.endContainer, r.endOffset);
      if (start === null || end === null || end <= start) return;
      document.getElementById('add-start').value = start;
      document.getElementById('add-end').value = end;
      document.getElementById('add-text-value').value = sel.toString();
      document.getElementById('add-text').textContent = sel.toString();
      add.hidden = false;
      add.scrollIntoView({block: 'nearest'});
    });
    document.getElementById('add-cancel').addEventListener('click', () => { add.hidden = true; });
  }
  // Reached from a search hit: the linked record is focused.
  const linked = document.querySelector('.rec.focus');
  if (linked) focusRecord(linked.dataset.rec, true);
  else if (location.hash.startsWith('#r-')) focusRecord(location.hash.slice(3), true);
});
