// Keeps a staff page current without a reload: every `data-refresh` seconds it fetches the same
// page and swaps the contents of the element marked `data-live`, unless the person is typing in a
// form there. Polling (not SSE) because the pages are small and it survives flaky links.
(function () {
  'use strict';
  var live = document.querySelector('[data-live]');
  if (!live) return;
  var seconds = Number(live.getAttribute('data-refresh')) || 30;
  function tick() {
    if (live.contains(document.activeElement) && /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) return;
    fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (text) {
        if (!text) return;
        var fresh = new DOMParser().parseFromString(text, 'text/html').querySelector('[data-live]');
        if (fresh) {
          live.innerHTML = fresh.innerHTML;
          document.dispatchEvent(new CustomEvent('siaga:refreshed'));
        }
      })
      .catch(function () {
        /* offline for a moment: try again at the next tick */
      });
  }
  setInterval(tick, seconds * 1000);
})();
