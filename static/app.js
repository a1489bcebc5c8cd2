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

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setUpCopyButtons);
  } else {
    setUpCopyButtons();
  }
})();
