// Siaga's service worker: shows a warning pushed to this browser and carries the resident's answer
// back. The payload (src/delivery/push/push-payload.ts) brings its delivery id and ack token, so
// this worker needs no account: it reports "shown" (POST /api/deliveries/:id/received) as soon as
// the notification is up (tried again for a while when Siaga does not take it), and the answer (POST /api/deliveries/:id/ack) when a button is tapped.
'use strict';

var ACTIONS = {
  id: [
    ['safe', 'Kami aman'],
    ['need_help', 'Butuh bantuan'],
    ['received', 'Diterima'],
  ],
  en: [
    ['safe', 'We are safe'],
    ['need_help', 'Need help'],
    ['received', 'Received'],
  ],
};
var SEVERITY = {
  id: { Extreme: 'SANGAT BERBAHAYA', Severe: 'BERBAHAYA', Moderate: 'Waspada', Minor: 'Ringan', Unknown: '' },
  en: { Extreme: 'EXTREME', Severe: 'SEVERE', Moderate: 'Moderate', Minor: 'Minor', Unknown: '' },
};

self.addEventListener('install', function () {
  self.skipWaiting();
});
self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

function post(path, body) {
  return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

// Waits between tries of the "shown" report: about 30 s in all, less than Siaga waits for it
// (PUSH_UNCONFIRMED_RESEND_S) before it sends a push of unknown outcome again. A Siaga that is
// restarting answers within that time; one that does not is covered by the SMS fallback.
var REPORT_RETRY_MS = [2000, 4000, 8000, 16000];

function sleep(ms) {
  return new Promise(function (resolve) {
    self.setTimeout(resolve, ms);
  });
}

function postUntilTaken(path, body, attempt) {
  return post(path, body).then(
    function (res) {
      if ((res.status < 500 && res.status !== 429) || attempt >= REPORT_RETRY_MS.length) return res;
      return sleep(REPORT_RETRY_MS[attempt]).then(function () {
        return postUntilTaken(path, body, attempt + 1);
      });
    },
    function (err) {
      if (attempt >= REPORT_RETRY_MS.length) throw err;
      return sleep(REPORT_RETRY_MS[attempt]).then(function () {
        return postUntilTaken(path, body, attempt + 1);
      });
    },
  );
}

// A warning sent again because Siaga did not know whether the first copy arrived carries the same
// delivery id: when that notification is still up, it is not shown (nor sounded) a second time.
function alreadyShown(tag, deliveryId) {
  if (!deliveryId) return Promise.resolve(false);
  return self.registration.getNotifications({ tag: tag }).then(
    function (list) {
      return list.some(function (n) {
        return n.data && n.data.deliveryId === deliveryId;
      });
    },
    function () {
      return false;
    },
  );
}

self.addEventListener('push', function (event) {
  var p;
  try {
    p = event.data.json();
  } catch (err) {
    // Not Siaga's format: still tell the person something arrived rather than fail silently.
    p = { title: 'Siaga', body: event.data ? event.data.text() : '', lang: 'id' };
  }
  var lang = p.lang === 'en' ? 'en' : 'id';
  var severity = SEVERITY[lang][p.severity] || '';
  var lines = [severity ? severity + (p.body ? ' — ' + p.body : '') : p.body || ''];
  if (p.instruction) lines.push(p.instruction);
  if (p.verificationCode) lines.push((lang === 'id' ? 'Kode: ' : 'Code: ') + p.verificationCode);
  var options = {
    body: lines.join('\n'),
    lang: lang,
    // One notification per warning: an update replaces the earlier one instead of piling up.
    tag: 'siaga-' + (p.alertId || 'message'),
    renotify: true,
    requireInteraction: p.severity === 'Severe' || p.severity === 'Extreme',
    data: p,
    actions:
      p.kind === 'all_clear' || !p.deliveryId
        ? []
        : ACTIONS[lang].map(function (a) {
            return { action: a[0], title: a[1] };
          }),
  };
  var shown = alreadyShown(options.tag, p.deliveryId).then(function (seen) {
    return seen ? undefined : self.registration.showNotification(p.title || 'Siaga', options);
  });
  var reported = p.deliveryId
    ? shown.then(function () {
        return postUntilTaken('/api/deliveries/' + p.deliveryId + '/received', { token: p.ackToken }, 0);
      })
    : shown;
  event.waitUntil(
    reported.catch(function () {
      /* offline: the SMS fallback covers an unconfirmed push */
    }),
  );
});

self.addEventListener('notificationclick', function (event) {
  var p = event.notification.data || {};
  // Tapping the notification itself means it was read: "received", and the alert page opens.
  var response = event.action || 'received';
  event.notification.close();
  var work = [];
  if (p.deliveryId && p.ackToken)
    work.push(
      post('/api/deliveries/' + p.deliveryId + '/ack', { token: p.ackToken, response: response }).catch(function () {
        /* answered again from the page */
      }),
    );
  if (!event.action && p.alertId) work.push(self.clients.openWindow('/alerts/' + encodeURIComponent(p.alertId)));
  event.waitUntil(Promise.all(work));
});
