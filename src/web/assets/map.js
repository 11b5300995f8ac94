// Siaga's maps: Leaflet with no tile layer (no outside server is reachable or allowed by the CSP).
// Everything drawn comes from Siaga's own database as GeoJSON: the land Siaga has boundaries for
// (a land colour; the rest of the plane is hatched and said to be outside), province, kabupaten
// and kecamatan outlines for orientation, village outlines up close, each level's names where
// they fit (provinces far out, villages close in), and warning areas.
// Used by the registration page and the private page (place a pin) and the public alert page.
(function () {
  'use strict';
  var AREA_STYLE = { color: '#b91c1c', weight: 2, fillColor: '#ef4444', fillOpacity: 0.3 };
  var LAND_STYLE = { color: '#a8a29e', weight: 1, fill: true, fillColor: '#f4efdd', fillOpacity: 1 };
  // Coarse to fine. `maxBox` (deg²) is what the endpoint accepts (see web-geo-routes.ts); the names
  // of a level are written between `labelFrom` and `labelTo` (zoom), when its shapes are a few
  // hundred pixels wide: a province's at the scale of an island, a village's at a street's.
  var LEVELS = [
    { level: 'province', maxBox: 2000, labelFrom: 0, labelTo: 8, style: { color: '#44403c', weight: 2.5, fill: false } },
    { level: 'regency', maxBox: 60, labelFrom: 8, labelTo: 10, style: { color: '#57534e', weight: 2, fill: false } },
    { level: 'district', maxBox: 6, labelFrom: 10, labelTo: 13, style: { color: '#78716c', weight: 1.5, dashArray: '5 4', fill: false } },
    { level: 'village', maxBox: 0.6, labelFrom: 13, labelTo: 99, style: { color: '#6b7280', weight: 1, fill: false } },
  ];
  // Enough names to read a screen, not so many that a slow phone stalls drawing them.
  var MAX_LABELS = 150;

  function words() {
    var block = document.getElementById('map-words');
    return block ? JSON.parse(block.textContent) : { covered: 'Wilayah Siaga', outside: 'Di luar wilayah Siaga' };
  }

  function url(level, box) {
    return level === 'village'
      ? '/api/villages.geojson?bbox=' + box.join(',')
      : '/api/areas.geojson?level=' + level + '&bbox=' + box.join(',');
  }

  // Even-odd ray casting over every ring: the covered land is one merged MultiPolygon, so holes
  // and islands both come out right without telling outer rings from inner ones.
  function inside(geometry, lon, lat) {
    var polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    var odd = false;
    polygons.forEach(function (rings) {
      rings.forEach(function (ring) {
        for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          var xi = ring[i][0];
          var yi = ring[i][1];
          var xj = ring[j][0];
          var yj = ring[j][1];
          if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) odd = !odd;
        }
      });
    });
    return odd;
  }

  function legend(map, said) {
    var control = L.control({ position: 'bottomleft' });
    control.onAdd = function () {
      var box = L.DomUtil.create('div', 'map-legend');
      [
        ['covered', said.covered],
        ['outside', said.outside],
      ].forEach(function (entry) {
        var row = L.DomUtil.create('span', 'map-legend-row', box);
        L.DomUtil.create('span', 'map-swatch map-swatch-' + entry[0], row);
        row.append(entry[1]);
      });
      return box;
    };
    control.addTo(map);
  }

  function outsideNote(map, said) {
    var control = L.control({ position: 'topright' });
    var note;
    control.onAdd = function () {
      note = L.DomUtil.create('div', 'map-outside');
      note.textContent = said.outside;
      note.hidden = true;
      note.setAttribute('role', 'status');
      return note;
    };
    control.addTo(map);
    return function (shown) {
      note.hidden = !shown;
    };
  }

  function create(el, options) {
    var map = L.map(el, { attributionControl: false, preferCanvas: true, zoomSnap: 0.5 });
    // The land under everything else, on its own canvas so outlines and pins are always above it.
    map.createPane('siaga-land').style.zIndex = 250;
    var landRenderer = L.canvas({ pane: 'siaga-land' });
    var said = words();
    legend(map, said);
    var showOutside = outsideNote(map, said);
    var land = null;

    function checkOutside() {
      if (!land) return;
      var c = map.getCenter();
      showOutside(!inside(land.geometry, c.lng, c.lat));
    }

    fetch('/api/coverage.geojson')
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (feature) {
        if (!feature) return;
        land = feature;
        L.geoJSON(feature, { style: LAND_STYLE, interactive: false, renderer: landRenderer }).addTo(map);
        checkOutside();
      })
      .catch(function () {
        /* offline: the outlines still orient */
      });

    var state = LEVELS.map(function (l) {
      return { spec: l, layer: null, labels: L.layerGroup().addTo(map), pending: null };
    });

    function writeNames(s, geojson) {
      s.labels.clearLayers();
      var z = map.getZoom();
      if (!geojson || z < s.spec.labelFrom || z >= s.spec.labelTo) return;
      var bounds = map.getBounds();
      var written = 0;
      geojson.features.forEach(function (f) {
        var at = f.properties.label;
        if (!at || written >= MAX_LABELS || !bounds.contains([at[1], at[0]])) return;
        written += 1;
        L.tooltip({ permanent: true, direction: 'center', interactive: false, className: 'map-label map-label-' + s.spec.level })
          .setLatLng([at[1], at[0]])
          .setContent(f.properties.name)
          .addTo(s.labels);
      });
    }

    function load(s, box, area) {
      if (s.pending) s.pending.abort();
      s.pending = null;
      if (area > s.spec.maxBox) {
        // Too far out for this level: its lines would be a blur and its names unreadable.
        if (s.layer) map.removeLayer(s.layer);
        s.layer = null;
        s.labels.clearLayers();
        return;
      }
      var pending = new AbortController();
      s.pending = pending;
      fetch(url(s.spec.level, box), { signal: pending.signal })
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (geojson) {
          if (!geojson || s.pending !== pending) return;
          if (s.layer) map.removeLayer(s.layer);
          s.layer = L.geoJSON(geojson, { style: s.spec.style, interactive: false }).addTo(map);
          s.layer.bringToBack();
          writeNames(s, geojson);
          if (s.spec.level === 'village') el.dispatchEvent(new CustomEvent('siaga:villages', { detail: geojson.features.length }));
        })
        .catch(function () {
          /* aborted by a newer move, or offline: the outlines are context only */
        });
    }

    function loadAll() {
      var b = map.getBounds();
      var box = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (n) {
        return n.toFixed(4);
      });
      var area = (box[2] - box[0]) * (box[3] - box[1]);
      state.forEach(function (s) {
        load(s, box, area);
      });
      checkOutside();
    }
    map.on('moveend', loadAll);
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

  // Brings a point into view: left alone when it is already well inside, otherwise centred, and
  // zoomed in to at least `zoom` so the village around it is drawn and named.
  function follow(map, latlng, zoom) {
    var within = map.getBounds().pad(-0.15).contains(latlng);
    if (within && map.getZoom() >= zoom) return;
    map.setView(latlng, Math.max(map.getZoom(), zoom));
  }

  window.SiagaMap = { create: create, showArea: showArea, follow: follow };
})();
