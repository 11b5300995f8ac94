// The candidate's area on the review map, over the village outlines.
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (!el || !window.SiagaMap) return;
  var b = el.getAttribute('data-bbox').split(',').map(Number);
  el.closest('figure').classList.add('ready');
  var map = window.SiagaMap.create(el, {
    bounds: [
      [b[1], b[0]],
      [b[3], b[2]],
    ],
  });
  fetch(el.getAttribute('data-geojson'), { credentials: 'same-origin' })
    .then(function (r) {
      return r.ok ? r.json() : null;
    })
    .then(function (f) {
      if (f)
        L.geoJSON(f, { style: { color: '#6d28d9', weight: 2, fillColor: '#8b5cf6', fillOpacity: 0.3 }, interactive: false }).addTo(map);
    });
})();
