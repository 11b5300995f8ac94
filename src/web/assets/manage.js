// "My household": everything goes through the residents' API with the management token from the
// link's fragment (#token). Shows what is stored, turns on web push for this browser (service
// worker + PushManager with Siaga's VAPID key), answers warnings, changes and deletes the data.
(function () {
  'use strict';
  var words = JSON.parse(document.getElementById('words').textContent);
  var token = location.hash.replace(/^#/, '');
  var status = document.getElementById('me-status');
  var pushState = document.getElementById('push-state');
  var pushOn = document.getElementById('push-on');
  var RESPONSES = [
    ['received', words.received],
    ['safe', words.safe],
    ['need_help', words.needHelp],
  ];
  // Times in the zone of the house (the API says which), written as the page's language writes them.
  var LOCALE = document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID';
  var IANA = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' };
  function when(iso, zone) {
    var z = IANA[zone] ? zone : 'WIB';
    return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short', timeZone: IANA[z] }).format(new Date(iso)) + ' ' + z;
  }

  function api(method, path, body) {
    var init = { method: method, headers: { authorization: 'Bearer ' + token } };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      if (r.status === 204) return null;
      return r.json().then(function (b) {
        if (!r.ok) {
          var e = new Error(b.error || String(r.status));
          e.status = r.status;
          e.fields = b.errors;
          throw e;
        }
        return b;
      });
    });
  }

  function fact(dl, term, value) {
    var dt = document.createElement('dt');
    dt.textContent = term;
    var dd = document.createElement('dd');
    dd.textContent = value;
    dl.append(dt, dd);
  }

  function show(view) {
    // Remembered on this device for "your area" on the warnings lists (yours.js).
    try {
      localStorage.setItem('siaga.village', view.village.code);
    } catch (e) {
      /* private mode: no mark */
    }
    var dl = document.getElementById('me-data');
    dl.textContent = '';
    fact(dl, words.registeredVillage, view.village.name + ' (' + view.village.code + ')');
    fact(dl, words.latitude + ', ' + words.longitude, view.lat.toFixed(5) + ', ' + view.lon.toFixed(5));
    fact(dl, words.members, String(view.members));
    fact(dl, words.vulnerablePeople, String(view.vulnerable_people));
    ['elderly', 'disabled', 'infant', 'pregnant', 'ill'].forEach(function (k) {
      if (view.vulnerable[k]) fact(dl, words[k], String(view.vulnerable[k]));
    });
    fact(dl, words.language, view.language === 'en' ? words.langEn : words.langId);
    fact(dl, words.phone, view.phone || '—');
    fact(dl, words.meRegistered, when(view.registered_at, view.village.time_zone));
    fact(dl, words.meDevices, String(view.push_subscriptions.length));
    fill(view);
    var list = document.getElementById('deliveries');
    list.textContent = '';
    var seen = {};
    view.deliveries.forEach(function (d) {
      if (seen[d.alert_id]) return;
      seen[d.alert_id] = true;
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '/alerts/' + d.alert_id;
      a.textContent = (d.event || words.msgAlert) + ' · ' + when(d.queued_at, view.village.time_zone);
      var state = document.createElement('span');
      state.className = 'badge delivery-' + d.state;
      state.textContent = d.response ? words.meAnswer + ': ' + label(d.response) : words.deliveryStates[d.state] || d.state;
      li.append(a, ' ', state, ' ');
      RESPONSES.forEach(function (r) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = r[1];
        b.addEventListener('click', function () {
          api('POST', '/api/households/me/acknowledgements', { alertId: d.alert_id, response: r[0] }).then(load, error);
        });
        li.append(b, ' ');
      });
      list.append(li);
    });
    if (view.deliveries.length === 0) {
      var none = document.createElement('li');
      none.textContent = words.meNoDeliveries;
      list.append(none);
    }
    return view;
  }

  // The change form shows what is stored; saving sends only the form's fields (PATCH).
  var KINDS = ['elderly', 'disabled', 'infant', 'pregnant', 'ill'];
  var stored = null;
  var picker = null;
  var peopleTouched = false;
  function fill(view) {
    stored = view;
    peopleTouched = false;
    document.getElementById('e-members').value = String(view.members);
    document.getElementById('e-vulnerable-people').value = String(view.vulnerable_people);
    KINDS.forEach(function (k) {
      document.getElementById('e-' + k).value = String(view.vulnerable[k]);
    });
    document.getElementById('e-language').value = view.language;
    document.getElementById('e-phone').value = view.phone || '';
    document.getElementById('e-lat').value = view.lat.toFixed(5);
    document.getElementById('e-lon').value = view.lon.toFixed(5);
    document.getElementById('e-village-name').textContent = view.village.name;
    // The map is made once the section is shown (Leaflet measures its box) and opens on the house.
    if (!picker) {
      picker = window.SiagaPlace.attach({
        mapEl: document.getElementById('e-map'),
        centre: [view.lat, view.lon],
        zoom: 15,
        lat: document.getElementById('e-lat'),
        lon: document.getElementById('e-lon'),
        locate: document.getElementById('e-locate'),
        locateStatus: document.getElementById('e-locate-status'),
        villageName: document.getElementById('e-village-name'),
        words: words,
      });
    }
    picker.placed();
  }

  function readNumber(id) {
    var input = document.getElementById(id);
    var n = Number(String(input.value).replace(',', '.').trim());
    return input.value.trim() === '' || !isFinite(n) ? null : n;
  }

  function say(code, params) {
    var text = words.messages[code] || words.messages['register.field.invalid'];
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return params && params[name] !== undefined ? String(params[name]) : whole;
    });
  }

  // Each refused field's message next to it and a summary above the save button, as on the
  // registration form (field-errors.js).
  var fieldErrors = window.SiagaFieldErrors.create({
    box: document.getElementById('edit-error'),
    fieldInputs: words.fieldInputs,
    errorId: function (field) {
      return 'e-' + field + '-error';
    },
  });

  function clearFieldErrors() {
    fieldErrors.clear();
  }

  function showFieldErrors(errors) {
    var first = fieldErrors.show(
      errors.map(function (e) {
        return { field: e.field, text: say(e.code, e.params) };
      }),
      words.messages['register.invalid'],
    );
    if (first) first.focus();
  }

  function save(e) {
    e.preventDefault();
    var editStatus = document.getElementById('edit-status');
    var vulnerable = {};
    KINDS.forEach(function (k) {
      vulnerable[k] = Number(document.getElementById('e-' + k).value || 0);
    });
    // The API reads the number as written (08…, +62…, with spaces).
    var phone = document.getElementById('e-phone').value.trim();
    var change = {
      members: Number(document.getElementById('e-members').value),
      vulnerable: vulnerable,
      language: document.getElementById('e-language').value,
      phone: phone === '' ? null : phone,
    };
    // Empty: each need is its own person (the API counts them).
    var people = document.getElementById('e-vulnerable-people').value.trim();
    if (people !== '') change.vulnerable_people = Number(people);
    editStatus.textContent = '';
    clearFieldErrors();
    // The house moves only when the point was changed (to five decimals, as shown: about a metre).
    var la = readNumber('e-lat');
    var lo = readNumber('e-lon');
    if (la === null || lo === null) {
      showFieldErrors([{ field: 'location', code: 'register.location.missing' }]);
      return;
    }
    if (la.toFixed(5) !== stored.lat.toFixed(5) || lo.toFixed(5) !== stored.lon.toFixed(5)) change.location = { lat: la, lon: lo };
    api('PATCH', '/api/households/me', change).then(
      function (r) {
        show(r.household);
        var adjusted = (r.adjusted || []).map(function (a) {
          return (a.field === 'members' ? words.adjustedMembers : words.adjustedPeople)
            .split('{from}')
            .join(String(a.from))
            .split('{to}')
            .join(String(a.to));
        });
        editStatus.textContent = [r.changed ? words.meSaved : words.meUnchanged].concat(adjusted).join(' ');
      },
      function (err) {
        // A refused change says what is wrong next to each field, in the page's language.
        if (err.fields && err.fields.length) showFieldErrors(err.fields);
        else editStatus.textContent = words.errorPrefix + ': ' + err.message;
      },
    );
  }

  function label(response) {
    for (var i = 0; i < RESPONSES.length; i += 1) if (RESPONSES[i][0] === response) return RESPONSES[i][1];
    return response;
  }

  function error(err) {
    status.textContent = err.status === 401 ? words.meBadToken : words.errorPrefix + ': ' + err.message;
  }

  function pushSupported() {
    return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  }

  function keyBytes(base64url) {
    var b = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((base64url.length + 3) % 4));
    var out = new Uint8Array(b.length);
    for (var i = 0; i < b.length; i += 1) out[i] = b.charCodeAt(i);
    return out;
  }

  function refreshPushState(view) {
    if (!pushSupported()) {
      pushState.textContent = words.meNoPush;
      pushOn.hidden = true;
      return Promise.resolve();
    }
    return navigator.serviceWorker
      .register('/sw.js')
      .then(function (reg) {
        return reg.pushManager.getSubscription();
      })
      .then(function (sub) {
        var known =
          sub &&
          view.push_subscriptions.some(function (s) {
            return s.endpoint === sub.endpoint;
          });
        pushState.textContent = known ? words.meOn : Notification.permission === 'denied' ? words.meDenied : words.meOff;
        pushOn.hidden = Boolean(known);
      });
  }

  function turnOn() {
    pushOn.disabled = true;
    pushState.textContent = words.meTurningOn;
    Notification.requestPermission()
      .then(function (permission) {
        if (permission !== 'granted') {
          var e = new Error(words.meDenied);
          e.denied = true;
          throw e;
        }
        return Promise.all([
          navigator.serviceWorker.register('/sw.js').then(function () {
            return navigator.serviceWorker.ready;
          }),
          api('GET', '/api/push/vapid-public-key'),
        ]);
      })
      .then(function (r) {
        return r[0].pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(r[1].publicKey) });
      })
      .then(function (sub) {
        return api('POST', '/api/households/me/push-subscriptions', sub.toJSON());
      })
      .then(function () {
        pushOn.disabled = false;
        return load();
      })
      .catch(function (err) {
        pushOn.disabled = false;
        pushState.textContent = err.denied ? words.meDenied : words.errorPrefix + ': ' + err.message;
      });
  }

  function load() {
    return api('GET', '/api/households/me').then(function (view) {
      status.textContent = '';
      document.getElementById('me').hidden = false;
      return refreshPushState(show(view));
    }, error);
  }

  function remove() {
    if (!window.confirm(words.meDeleteConfirm)) return;
    var unsubscribe = pushSupported()
      ? navigator.serviceWorker
          .getRegistration()
          .then(function (reg) {
            return reg && reg.pushManager.getSubscription();
          })
          .then(function (sub) {
            return sub && sub.unsubscribe();
          })
          .catch(function () {
            /* the data goes anyway */
          })
      : Promise.resolve();
    api('DELETE', '/api/households/me')
      .then(function () {
        return unsubscribe;
      })
      .then(function () {
        document.getElementById('me').hidden = true;
        try {
          localStorage.removeItem('siaga.village');
        } catch (e) {
          /* nothing was kept */
        }
        status.textContent = words.meDeleted;
        history.replaceState(null, '', '/me');
      }, error);
  }

  if (!token) {
    status.textContent = words.meNoToken;
    return;
  }
  pushOn.addEventListener('click', turnOn);
  document.getElementById('delete').addEventListener('click', remove);
  document.getElementById('edit-form').addEventListener('submit', save);
  // Someone added under a kind is most often someone new: until the resident sets the number of
  // people who need help, it grows with what was added (a person may still be counted under several
  // kinds by setting the number by hand).
  document.getElementById('e-vulnerable-people').addEventListener('input', function () {
    peopleTouched = true;
  });
  KINDS.forEach(function (k) {
    document.getElementById('e-' + k).addEventListener('input', function () {
      if (peopleTouched || !stored) return;
      var added = 0;
      KINDS.forEach(function (q) {
        added += Math.max(0, Number(document.getElementById('e-' + q).value || 0) - stored.vulnerable[q]);
      });
      document.getElementById('e-vulnerable-people').value = String(stored.vulnerable_people + added);
    });
  });
  load();
})();
