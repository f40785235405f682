// planlens: a little progressive enhancement; every page works without it.
'use strict';

// focusRecord marks record n in the list and its stretches of text, and
// scrolls both into view.
function focusRecord(n, scrollText) {
  for (const el of document.querySelectorAll('.focus')) el.classList.remove('focus');
  const li = document.getElementById('rec-' + n);
  if (li) {
    li.classList.add('focus');
    li.scrollIntoView({block: 'nearest'});
    // The review buttons judge the focused record.
    const tools = document.getElementById('rtools'), vf = document.getElementById('vf');
    if (!tools) {
      // No review: the record's fields in a line under it.
      let info = li.querySelector('.rinfo');
      if (!info) { info = document.createElement('div'); info.className = 'rinfo'; li.append(info); }
      info.textContent = li.title;
    }
    if (tools) {
      for (const k of ['kind', 'start', 'end']) vf.elements[k].value = li.dataset[k];
      tools.querySelector('.v-clear').hidden = !/verdict-/.test(li.className);
      tools.querySelector('.rinfo').textContent = li.title;
      li.append(tools);
      tools.hidden = false;
    }
  }
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
  // A record of the list: scroll to its span (one listener for all).
  document.getElementById('records').addEventListener('click', ev => {
    const a = ev.target.closest('.rec .jump');
    if (!a) return;
    ev.preventDefault();
    const n = a.closest('.rec').dataset.rec;
    history.replaceState(null, '', '#r-' + n);
    focusRecord(n, true);
  });
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
    // A text node inside a mark (or span) starts at its data-start; one
    // directly in the article starts where the element before it ends.
    const offset = (node, off) => {
      if (node.nodeType !== Node.TEXT_NODE || !text.contains(node)) return null;
      const el = node.parentElement;
      let base;
      if (el !== text) {
        if (el.dataset.start === undefined) return null;
        base = Number(el.dataset.start);
      } else {
        const prev = node.previousElementSibling;
        base = prev ? Number(prev.dataset.start) + utf8(prev.textContent) : 0;
        for (let p = node.previousSibling; p && p !== prev; p = p.previousSibling) base += utf8(p.textContent);
      }
      return base + utf8(node.data.slice(0, off));
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
  // "fix fields": the one fix form moves into the record and shows its
  // fields.
  const fix = document.getElementById('fixform');
  if (fix) {
    let fields = null;
    document.getElementById('records').addEventListener('click', async ev => {
      const b = ev.target.closest('.v-fix');
      if (!b) return;
      const li = b.closest('.rec');
      if (!li) return;
      if (!fields) fields = await (await fetch(fix.dataset.fields)).json();
      for (const k of ['kind', 'start', 'end']) fix.elements[k].value = li.dataset[k];
      const box = fix.querySelector('.fields');
      box.replaceChildren();
      for (const [name, value] of fields[Number(li.dataset.rec)] || []) {
        const label = document.createElement('label');
        const input = document.createElement('input');
        input.type = 'text'; input.name = name; input.value = value; input.size = 8;
        label.append(name + ' ', input);
        box.append(label, ' ');
      }
      li.append(fix);
      fix.hidden = false;
    });
    fix.querySelector('.fix-cancel').addEventListener('click', () => { fix.hidden = true; });
  }
  // Reached from a search hit: the linked record is focused.
  const linked = document.querySelector('.rec.focus');
  if (linked) focusRecord(linked.dataset.rec, true);
  else if (location.hash.startsWith('#r-')) focusRecord(location.hash.slice(3), true);
});

// Registered last, this runs after the handler above: the page's scripts
// are wired (tests wait for it rather than for time).
document.addEventListener('DOMContentLoaded', () => { document.documentElement.dataset.ready = '1'; });
