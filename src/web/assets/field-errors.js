// A refused form's messages, the same on the registration page and the private page: each field's
// message next to it (aria-invalid, described by its error element after its own hint), and above
// the form a summary whose entries lead to the fields — what the page without scripts shows too.
(function () {
  'use strict';

  /**
   * o: { box (the summary element), fieldInputs ({ field: [input ids] }), errorId(field) → id of
   *      the field's message element }
   */
  function create(o) {
    function clear() {
      o.box.textContent = '';
      Object.keys(o.fieldInputs).forEach(function (field) {
        var message = document.getElementById(o.errorId(field));
        if (message) message.textContent = '';
        o.fieldInputs[field].forEach(function (id) {
          var input = document.getElementById(id);
          input.removeAttribute('aria-invalid');
          var hint = input.getAttribute('data-hint');
          if (hint) input.setAttribute('aria-describedby', hint);
          else input.removeAttribute('aria-describedby');
        });
      });
    }

    /** errors: [{ field, text }] in order; intro: the summary's first line. Returns the first refused input. */
    function show(errors, intro) {
      clear();
      var lead = document.createElement('p');
      lead.textContent = intro;
      var list = document.createElement('ul');
      var first = null;
      errors.forEach(function (e) {
        var li = document.createElement('li');
        var inputs = o.fieldInputs[e.field];
        if (inputs) {
          document.getElementById(o.errorId(e.field)).textContent = e.text;
          inputs.forEach(function (id) {
            var input = document.getElementById(id);
            input.setAttribute('aria-invalid', 'true');
            var hint = input.getAttribute('data-hint');
            input.setAttribute('aria-describedby', (hint ? hint + ' ' : '') + o.errorId(e.field));
          });
          var a = document.createElement('a');
          a.href = '#' + inputs[0];
          a.textContent = e.text;
          li.append(a);
          if (!first) first = document.getElementById(inputs[0]);
        } else {
          li.textContent = e.text;
        }
        list.append(li);
      });
      o.box.append(lead, list);
      return first;
    }

    return { clear: clear, show: show };
  }

  window.SiagaFieldErrors = { create: create };
})();
