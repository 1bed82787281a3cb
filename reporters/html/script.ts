// The inline script of the HTML report: the clause table's filters, links that jump to a clause,
// and copy buttons. It reads only the page's own data attributes and makes no request.

export const SCRIPT = `
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.clause'));
  var status = document.getElementById('filter-status');
  var family = document.getElementById('filter-family');
  var level = document.getElementById('filter-level');
  var resource = document.getElementById('filter-resource');
  var text = document.getElementById('filter-text');
  var shown = document.getElementById('shown-count');
  var empty = document.getElementById('no-match');
  if (!status || !family || !level || !resource || !text) return;

  // With a resource chosen, a row shows when it was judged there, and the status filter reads that result.
  function onResource(row) {
    if (!resource.value) return !status.value || row.dataset.status === status.value;
    var results = row.dataset.resources.split(' ');
    return results.some(function (result) {
      var parts = result.split(':');
      return parts[0] === resource.value && (!status.value || parts[1] === status.value);
    });
  }

  function apply() {
    var query = text.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var visible = onResource(row)
        && (!family.value || row.dataset.family === family.value)
        && (!level.value || row.dataset.level === level.value)
        && (!query || row.dataset.search.indexOf(query) !== -1);
      row.hidden = !visible;
      if (visible) count += 1;
    });
    shown.textContent = count === rows.length ? 'All ' + rows.length + ' clauses' : count + ' of ' + rows.length + ' clauses';
    empty.hidden = count !== 0;
  }

  function reset() {
    status.value = ''; family.value = ''; level.value = ''; resource.value = ''; text.value = '';
    apply();
  }

  [status, family, level, resource].forEach(function (control) { control.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  document.getElementById('filter-reset').addEventListener('click', reset);

  // Counts in the header and the matrix narrow the table to what they count.
  document.querySelectorAll('[data-filter-status], [data-filter-family], [data-filter-level], [data-filter-resource]').forEach(function (button) {
    button.addEventListener('click', function () {
      reset();
      status.value = button.dataset.filterStatus || '';
      family.value = button.dataset.filterFamily || '';
      level.value = button.dataset.filterLevel || '';
      resource.value = button.dataset.filterResource || '';
      apply();
      document.getElementById('clauses').scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
  });

  // A link to a clause must land on a visible, opened row even when the filters hide it.
  function reveal(id) {
    var row = document.getElementById(id);
    if (!row || !row.classList.contains('clause')) return;
    if (row.hidden) reset();
    var details = row.querySelector('details.clause-details');
    if (details) details.open = true;
    row.classList.add('flash');
    setTimeout(function () { row.classList.remove('flash'); }, 1500);
  }
  document.querySelectorAll('a.clause-link').forEach(function (link) {
    link.addEventListener('click', function () { reveal(link.getAttribute('href').slice(1)); });
  });
  if (location.hash) reveal(decodeURIComponent(location.hash.slice(1)));

  // The clipboard API can be refused (permissions, some file:// setups): fall back to selecting the
  // text so that one more keystroke copies it.
  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function copyFallback(element, button) {
    selectText(element);
    var copied = false;
    try { copied = document.execCommand('copy'); } catch (error) { copied = false; }
    button.textContent = copied ? 'Copied' : 'Selected: press Ctrl+C';
  }
  document.querySelectorAll('button.copy').forEach(function (button) {
    button.addEventListener('click', function () {
      var target = document.getElementById(button.dataset.copy);
      if (!target) return;
      var done = function () { button.textContent = 'Copied'; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(target.textContent).then(done, function () { copyFallback(target, button); });
      } else {
        copyFallback(target, button);
      }
      setTimeout(function () { button.textContent = 'Copy'; }, 2500);
    });
  });

  apply();
})();
`;
