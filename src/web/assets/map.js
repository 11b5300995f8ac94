// Siaga's maps: Leaflet with no tile layer (no outside server is reachable or allowed by the CSP),
// drawing village outlines and warning areas that come from Siaga's own database as GeoJSON.
// Used by the registration page (place a pin) and the public alert page (show the area).
(function () {
  'use strict';
  var VILLAGE_STYLE = { color: '#6b7280', weight: 1, fill: true, fillColor: '#f3f4f6', fillOpacity: 0.6 };
  var AREA_STYLE = { color: '#b91c1c', weight: 2, fillColor: '#ef4444', fillOpacity: 0.3 };
  // The village endpoint refuses boxes larger than about a regency (see web-geo-routes.ts).
  var MAX_BOX_DEG2 = 0.6;

  function create(el, options) {
    var map = L.map(el, { attributionControl: false, preferCanvas: true, zoomSnap: 0.5 });
    var villages = null;
    var pending = null;
    function loadVillages() {
      var b = map.getBounds();
      var box = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (n) {
        return n.toFixed(4);
      });
      if ((box[2] - box[0]) * (box[3] - box[1]) > MAX_BOX_DEG2) return;
      if (pending) pending.abort();
      pending = new AbortController();
      fetch('/api/villages.geojson?bbox=' + box.join(','), { signal: pending.signal })
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (geojson) {
          if (!geojson) return;
          if (villages) map.removeLayer(villages);
          villages = L.geoJSON(geojson, { style: VILLAGE_STYLE, interactive: false }).addTo(map);
          villages.bringToBack();
          el.dispatchEvent(new CustomEvent('siaga:villages', { detail: geojson.features.length }));
        })
        .catch(function () {
          /* aborted by a newer move, or offline: the outlines are context only */
        });
    }
    map.on('moveend', loadVillages);
    if (options.bounds) map.fitBounds(options.bounds, { padding: [12, 12] });
    else map.setView(options.centre, options.zoom || 12);
    return map;
  }

  function showArea(map, alertId) {
    return fetch('/api/alerts/' + encodeURIComponent(alertId) + '/area.geojson')
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (feature) {
        if (feature) L.geoJSON(feature, { style: AREA_STYLE, interactive: false }).addTo(map);
      });
  }

  window.SiagaMap = { create: create, showArea: showArea };
})();
