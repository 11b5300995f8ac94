// Registering a household: pin on the map, typed coordinates or the phone's location (place-picker.js)
// → the village it falls in → POST /api/households → the private management link, shown once.
(function () {
  'use strict';
  var words = JSON.parse(document.getElementById('words').textContent);
  var form = document.getElementById('register-form');
  var villageName = document.getElementById('village-name');
  var errorBox = document.getElementById('register-error');
  var submit = document.getElementById('register-submit');
  var lat = document.getElementById('lat');
  var lon = document.getElementById('lon');

  function number(input) {
    var n = Number(String(input.value).replace(',', '.').trim());
    return input.value.trim() === '' || !isFinite(n) ? null : n;
  }

  var mapEl = document.getElementById('map');
  window.SiagaPlace.attach({
    mapEl: mapEl,
    centre: mapEl.getAttribute('data-centre').split(',').map(Number),
    zoom: 12,
    lat: lat,
    lon: lon,
    locate: document.getElementById('locate'),
    locateStatus: document.getElementById('locate-status'),
    villageName: villageName,
    words: words,
  });

  function say(key, params) {
    var text = words.messages[key] || words.messages['register.field.invalid'];
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      var v = params && params[name];
      return v === undefined
        ? whole
        : typeof v === 'number'
          ? v.toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID')
          : String(v);
    });
  }

  // Each field's message next to it and a summary above the form (field-errors.js).
  var fieldErrors = window.SiagaFieldErrors.create({
    box: errorBox,
    fieldInputs: words.fieldInputs,
    errorId: function (field) {
      return field + '-error';
    },
  });

  function clearErrors() {
    fieldErrors.clear();
  }

  function showErrors(errors) {
    var first = fieldErrors.show(
      errors.map(function (e) {
        return { field: e.field, text: say(e.code, e.params) };
      }),
      words.messages['register.invalid'],
    );
    submit.disabled = false;
    submit.textContent = words.submit;
    if (first) first.focus();
  }

  // A failure that is no field's (the network, the server): said above the form.
  function fail(message) {
    clearErrors();
    errorBox.textContent = words.errorPrefix + ': ' + message;
    submit.disabled = false;
    submit.textContent = words.submit;
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearErrors();
    var la = number(lat);
    var lo = number(lon);
    var consent = document.getElementById('consent');
    var missing = [];
    if (la === null || lo === null) missing.push({ field: 'location', code: 'register.location.missing' });
    if (!consent.checked) missing.push({ field: 'consent', code: 'register.consent.missing' });
    if (missing.length) {
      showErrors(missing);
      return;
    }
    var vulnerable = {};
    ['elderly', 'disabled', 'infant', 'pregnant', 'ill'].forEach(function (k) {
      vulnerable[k] = Number(document.getElementById('v-' + k).value || 0);
    });
    // The API reads the number as written (08…, +62…, with spaces).
    var phone = document.getElementById('phone').value.trim();
    var body = {
      location: { lat: la, lon: lo },
      members: Number(document.getElementById('members').value),
      vulnerable: vulnerable,
      language: document.getElementById('language').value,
      phone: phone === '' ? null : phone,
      consent: true,
    };
    // Empty: each need below is its own person (the API counts them).
    var people = document.getElementById('vulnerable-people').value.trim();
    if (people !== '') body.vulnerable_people = Number(people);
    submit.disabled = true;
    submit.textContent = words.registering;
    fetch('/api/households', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) {
        return r.json().then(function (b) {
          return { status: r.status, body: b };
        });
      })
      .then(function (r) {
        if (r.status === 422 && r.body.errors && r.body.errors.length) return showErrors(r.body.errors);
        if (r.status !== 201) return fail(r.body.error || String(r.status));
        var link = location.origin + '/me#' + r.body.token;
        form.hidden = true;
        document.getElementById('registered-village').textContent = r.body.household.village.name;
        // What Siaga recorded differently from the form (raised, never refused), as the page without JavaScript says it.
        var adjusted = document.getElementById('registered-adjusted');
        (r.body.adjusted || []).forEach(function (a) {
          var li = document.createElement('li');
          li.textContent = (a.field === 'members' ? words.adjustedMembers : words.adjustedPeople)
            .split('{from}')
            .join(String(a.from))
            .split('{to}')
            .join(String(a.to));
          adjusted.append(li);
        });
        adjusted.hidden = !(r.body.adjusted || []).length;
        document.getElementById('manage-link').value = link;
        document.getElementById('open-manage').href = link;
        var done = document.getElementById('registered');
        done.hidden = false;
        done.focus();
      })
      .catch(function (err) {
        fail(err.message);
      });
  });
})();
