// planlens: a little progressive enhancement; every page works without it.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  // Filter selects submit their form when changed.
  for (const el of document.querySelectorAll('select.autosubmit, .filters select')) {
    el.addEventListener('change', () => el.form && el.form.submit());
  }
});
