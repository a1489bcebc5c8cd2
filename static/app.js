// Small enhancements; every page works without them. Loaded from /static (the CSP forbids
// inline script).
(function () {
  'use strict';

  // Copy buttons: <button data-copy="#element-id" hidden>. Shown only where copying works.
  function setUpCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll('button[data-copy]').forEach(function (button) {
      var target = document.querySelector(button.getAttribute('data-copy'));
      if (!target) return;
      var label = button.firstChild.textContent;
      button.hidden = false;
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(target.textContent.trim()).then(function () {
          button.firstChild.textContent = 'Copied';
          setTimeout(function () { button.firstChild.textContent = label; }, 2000);
        });
      });
    });
  }

  // An import run's page (<div data-import-poll="/admin/import/ID.json">): follows the run
  // through its JSON while it runs, updating the status (an aria-live region), the progress bar,
  // the files table and the progress lines; once it has finished, takes the result and the log
  // from the page itself. Without script, a <noscript> refresh reloads the page instead.
  function followImportRun() {
    var region = document.querySelector('[data-import-poll]');
    if (!region || !window.fetch || !window.DOMParser) return;
    var url = region.getAttribute('data-import-poll');
    var delay = 1500;

    function setText(id, value) {
      var el = document.getElementById(id);
      if (el && el.textContent !== value) el.textContent = value;
    }

    function showLines(lines) {
      var list = document.getElementById('import-log');
      if (!list || list.children.length === lines.length) return;
      for (var i = list.children.length; i < lines.length; i++) {
        var item = document.createElement('li');
        item.textContent = lines[i];
        list.appendChild(item);
      }
      var empty = document.getElementById('import-log-empty');
      if (empty && lines.length) empty.remove();
    }

    function showFiles(files) {
      files.forEach(function (f) {
        var row = region.querySelector('tr[data-file="' + f.file + '"]');
        if (!row) return;
        var cells = row.querySelectorAll('td');
        var values = [f.file, f.state, f.rows, f.inserted, f.updated, f.unchanged];
        for (var i = 1; i < cells.length && i < values.length; i++) {
          var v = values[i] === null || values[i] === undefined ? '\u2013'
            : typeof values[i] === 'number' ? values[i].toLocaleString('en-GB') : String(values[i]);
          if (cells[i].textContent !== v) cells[i].textContent = v;
        }
      });
    }

    function show(run) {
      var badge = document.getElementById('import-badge');
      if (badge) badge.className = 'badge badge--' + run.badge;
      setText('import-badge', run.status_label);
      setText('import-summary', run.summary);
      setText('import-count', run.files_done + ' of ' + run.files_total);
      var bar = document.getElementById('import-progress');
      if (bar) {
        bar.max = run.files_total;
        bar.value = run.files_done;
        bar.textContent = run.files_done + ' of ' + run.files_total;
      }
      showLines(run.progress);
      showFiles(run.files);
    }

    // The finished page renders the outcome (the error, the duration) itself: take those parts.
    function takeFinishedPage() {
      return fetch(window.location.href, { credentials: 'same-origin' })
        .then(function (res) { return res.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          ['import-result', 'import-log'].forEach(function (id) {
            var fresh = doc.getElementById(id);
            var old = document.getElementById(id);
            if (fresh && old) old.innerHTML = fresh.innerHTML;
          });
          var lead = doc.querySelector('.page-heading__lead');
          var oldLead = document.querySelector('.page-heading__lead');
          if (lead && oldLead) oldLead.textContent = lead.textContent;
          var empty = document.getElementById('import-log-empty');
          if (empty && !doc.getElementById('import-log-empty')) empty.remove();
          region.removeAttribute('data-import-poll');
          region.setAttribute('data-import-finished', '');
        });
    }

    function poll() {
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (res) {
          if (!res.ok) throw new Error('status ' + res.status);
          return res.json();
        })
        .then(function (run) {
          delay = 1500;
          show(run);
          if (run.running) {
            setTimeout(poll, delay);
          } else {
            return takeFinishedPage();
          }
        })
        .catch(function () {
          // Signed out, offline, a restart: try again, less often.
          delay = Math.min(delay * 2, 15000);
          setTimeout(poll, delay);
        });
    }

    setTimeout(poll, delay);
  }

  function setUp() {
    setUpCopyButtons();
    followImportRun();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setUp);
  } else {
    setUp();
  }
})();
