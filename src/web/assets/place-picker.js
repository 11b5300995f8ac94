// Choosing where the house is, the same on the registration page and the private page: tap the
// map, type latitude and longitude (the map follows, so the pin is always in view), or "use my
// location"; the pin is drawn and the village it falls in is looked up (GET /api/villages/at).
(function () {
  'use strict';
  // Close enough that the village around the pin is drawn and named (see map.js's LEVELS).
  var PIN_ZOOM = 14;
  // Typing "3.3" on the way to "3.35" should not fling the map about: wait for a pause.
  var TYPING_PAUSE_MS = 500;
  // An element rather than a canvas drawing: above every outline, and findable on the page.
  var PIN_ICON = window.L ? L.divIcon({ className: 'map-pin', iconSize: [20, 20] }) : null;

  function number(input) {
    var n = Number(String(input.value).replace(',', '.').trim());
    return input.value.trim() === '' || !isFinite(n) ? null : n;
  }

  /**
   * o: { mapEl, centre: [lat, lon], zoom, lat, lon (inputs), locate (button), locateStatus,
   *      villageName (elements), words } → { placed(), map }
   */
  function attach(o) {
    var words = o.words;
    var map = null;
    var pin = null;
    var lookup = null;

    function placed(options) {
      var la = number(o.lat);
      var lo = number(o.lon);
      if (la === null || lo === null || Math.abs(la) > 90 || Math.abs(lo) > 180) {
        o.villageName.textContent = words.villageUnknown;
        return;
      }
      if (map) {
        if (pin) pin.setLatLng([la, lo]);
        else pin = L.marker([la, lo], { icon: PIN_ICON, interactive: false, keyboard: false }).addTo(map);
        if (!(options && options.stay)) window.SiagaMap.follow(map, [la, lo], PIN_ZOOM);
      }
      if (lookup) lookup.abort();
      lookup = new AbortController();
      fetch('/api/villages/at?lat=' + la + '&lon=' + lo, { signal: lookup.signal })
        .then(function (r) {
          return r.json().then(function (body) {
            return { ok: r.ok, body: body };
          });
        })
        .then(function (r) {
          o.villageName.textContent = r.ok ? r.body.village.name : words.villageNone;
        })
        .catch(function () {
          /* superseded by a newer pin */
        });
    }

    if (o.mapEl && window.SiagaMap && window.L) {
      o.mapEl.closest('figure').classList.add('ready');
      map = window.SiagaMap.create(o.mapEl, { centre: o.centre, zoom: o.zoom || 12 });
      map.on('click', function (e) {
        o.lat.value = e.latlng.lat.toFixed(5);
        o.lon.value = e.latlng.lng.toFixed(5);
        // A tap is already where the resident is looking.
        placed({ stay: true });
      });
    }

    var typing = null;
    function typed() {
      window.clearTimeout(typing);
      typing = window.setTimeout(placed, TYPING_PAUSE_MS);
    }
    [o.lat, o.lon].forEach(function (input) {
      input.addEventListener('input', typed);
      input.addEventListener('change', function () {
        window.clearTimeout(typing);
        placed();
      });
    });

    // Shown once scripts run (the page renders it hidden for browsers without JavaScript); a
    // browser without geolocation still shows it, and says so when tapped.
    o.locate.hidden = false;
    o.locate.addEventListener('click', function () {
      if (!navigator.geolocation) {
        o.locateStatus.textContent = words.locationUnsupported;
        return;
      }
      o.locate.disabled = true;
      o.locateStatus.textContent = words.locating;
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          o.locate.disabled = false;
          o.locateStatus.textContent = words.locationFound;
          o.lat.value = pos.coords.latitude.toFixed(5);
          o.lon.value = pos.coords.longitude.toFixed(5);
          if (map) map.setView([pos.coords.latitude, pos.coords.longitude], Math.max(map.getZoom(), 15));
          placed();
        },
        function (err) {
          o.locate.disabled = false;
          // 1 is PERMISSION_DENIED (also what an insecure origin gets); 2 and 3 are no fix in time.
          o.locateStatus.textContent = err && err.code === 1 ? words.locationDenied : words.locationUnavailable;
        },
        { enableHighAccuracy: true, timeout: 15000 },
      );
    });

    return { placed: placed, map: map };
  }

  window.SiagaPlace = { attach: attach };
})();
