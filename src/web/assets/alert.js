// The public alert page's enhancements: the map of the area, and "use my location" for the
// "am I inside?" form (which works without this script: the server answers the GET form).
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (el && window.SiagaMap) {
    var b = el.getAttribute('data-bbox').split(',').map(Number);
    el.closest('figure').classList.add('ready');
    var map = window.SiagaMap.create(el, {
      bounds: [
        [b[1], b[0]],
        [b[3], b[2]],
      ],
    });
    window.SiagaMap.showArea(map, el.getAttribute('data-alert'));
  }
  var locate = document.getElementById('inside-locate');
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          document.getElementById('inside-lat').value = pos.coords.latitude.toFixed(5);
          document.getElementById('inside-lon').value = pos.coords.longitude.toFixed(5);
          document.getElementById('inside-form').submit();
        },
        function () {
          locate.hidden = true;
        },
        { enableHighAccuracy: true, timeout: 15000 },
      );
    });
  }
})();
