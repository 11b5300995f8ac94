// "Your area" beside the warnings in force that reach this household's village. The village is
// remembered on this device by the private page (manage.js), never sent with the household: the
// server is asked only which warnings stand over a village. Without it, or without scripts, the
// list simply has no mark.
(function () {
  'use strict';
  var village = null;
  try {
    village = localStorage.getItem('siaga.village');
  } catch (e) {
    return;
  }
  if (!village || !/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(village)) return;
  if (!document.querySelector('[data-alert]')) return;
  fetch('/api/villages/' + village + '/alerts')
    .then(function (r) {
      return r.ok ? r.json() : { alerts: [] };
    })
    .then(function (b) {
      (b.alerts || []).forEach(function (id) {
        var item = document.querySelector('[data-alert="' + id + '"]');
        var mark = item && item.querySelector('.yours');
        if (mark) mark.hidden = false;
      });
    })
    .catch(function () {
      /* no mark: the list is complete without it */
    });
})();
