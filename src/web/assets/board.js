// The team board's map: the team's task villages coloured by state and the vulnerable households
// as dots, from /team/tasks.geojson (or one task's shapes). Redrawn when refresh.js swaps the list.
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (!el || !window.SiagaMap) return;
  var COLOURS = { open: '#b91c1c', acknowledged: '#c2410c', in_progress: '#1d4ed8', done: '#166534', stood_down: '#6b7280' };
  var map = null;
  var layer = null;

  function draw() {
    fetch(el.getAttribute('data-tasks'), { credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (geojson) {
        if (!geojson || geojson.features.length === 0) return;
        el.closest('figure').classList.add('ready');
        var fresh = L.geoJSON(geojson, {
          style: function (f) {
            // Households are dots in one colour whatever their task's state; villages show the state.
            if (f.properties.feature === 'household') return { color: '#111827', weight: 1, fillColor: '#facc15', fillOpacity: 1 };
            var c = COLOURS[f.properties.state] || '#374151';
            return { color: c, weight: 2, fillColor: c, fillOpacity: 0.2 };
          },
          pointToLayer: function (f, latlng) {
            return L.circleMarker(latlng, { radius: 5, color: '#111827', weight: 1, fillColor: '#facc15', fillOpacity: 1 });
          },
          onEachFeature: function (f, l) {
            var p = f.properties;
            var label =
              p.feature === 'household' ? p.household_id + ': ' + p.vulnerable + ' / ' + p.members : p.village_name + ' (' + p.state + ')';
            l.bindTooltip(label);
            l.on('click', function () {
              location.href = '/team/tasks/' + p.task_id;
            });
          },
        });
        if (!map) {
          map = window.SiagaMap.create(el, { bounds: fresh.getBounds() });
        }
        if (layer) map.removeLayer(layer);
        layer = fresh.addTo(map);
      })
      .catch(function () {
        /* the list above works without the map */
      });
  }
  draw();
  document.addEventListener('siaga:refreshed', draw);
})();
