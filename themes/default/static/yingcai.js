/* yingcai default theme: small enhancements. Every page works without this file.
   - email links: <a class="email" data-u data-d> becomes a mailto: link
   - print buttons: [data-print] is shown and prints the page
   - home filter: [data-filter] filters the [data-card] items instantly and keeps its state
     in the query string (?q=&team=&location=&level=&type=&remote=1) */
(function () {
  "use strict";

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  /* ---------- Email links ---------- */
  each(document.querySelectorAll("a.email[data-u][data-d]"), function (a) {
    a.href = "mailto:" + a.getAttribute("data-u") + "@" + a.getAttribute("data-d");
  });

  /* ---------- Print buttons ---------- */
  if (typeof window.print === "function") {
    each(document.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  /* ---------- Home filter ---------- */
  var root = document.querySelector("[data-filter]");
  if (!root) return;
  var form = root.querySelector("[data-filter-form]");
  if (!form || !window.URLSearchParams || !window.history.replaceState) return;

  var cards = document.querySelectorAll("[data-card]");
  var groups = document.querySelectorAll("[data-group]");
  var countEl = root.querySelector("[data-filter-count]");
  var emptyEl = document.querySelector("[data-filter-empty]");
  var links = root.querySelector("[data-filter-links]");
  var one = root.getAttribute("data-count-one") || "{count}";
  var other = root.getAttribute("data-count-other") || "{count}";

  // Query-string key -> form control name.
  var KEYS = ["q", "team", "location", "level", "type", "remote"];

  function control(name) {
    return form.elements.namedItem(name);
  }

  function normalize(s) {
    s = String(s || "");
    if (s.normalize) s = s.normalize("NFKC");
    return s.toLowerCase().trim();
  }

  function state() {
    var s = {};
    KEYS.forEach(function (key) {
      var el = control(key);
      if (!el) return;
      if (el.type === "checkbox") {
        if (el.checked) s[key] = "1";
      } else if (el.value) {
        s[key] = el.value;
      }
    });
    return s;
  }

  function hasOption(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) return true;
    }
    return false;
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    KEYS.forEach(function (key) {
      var el = control(key);
      var value = params.get(key);
      if (!el || value === null) return;
      if (el.type === "checkbox") {
        el.checked = value === "1" || value === "true";
      } else if (el.tagName === "SELECT") {
        if (hasOption(el, value)) el.value = value;
      } else {
        el.value = value;
      }
    });
  }

  function matches(card, s, terms) {
    var d = card.dataset;
    if (s.team && d.team !== s.team) return false;
    if (s.location && (" " + (d.locations || "") + " ").indexOf(" " + s.location + " ") < 0) return false;
    if (s.level && d.level !== s.level) return false;
    if (s.type && d.type !== s.type) return false;
    if (s.remote && d.remote !== "true") return false;
    var text = d.search || "";
    for (var i = 0; i < terms.length; i++) {
      if (text.indexOf(terms[i]) < 0) return false;
    }
    return true;
  }

  function writeUrl(s) {
    var params = new URLSearchParams(window.location.search);
    KEYS.forEach(function (key) {
      if (s[key]) params.set(key, s[key]);
      else params.delete(key);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", url);
    } catch (e) {
      /* file:// pages may refuse; filtering still works */
    }
  }

  function apply() {
    var s = state();
    var terms = normalize(s.q).split(/\s+/).filter(Boolean);
    var shown = 0;

    each(cards, function (card) {
      var ok = matches(card, s, terms);
      card.hidden = !ok;
      if (ok) shown++;
    });

    each(groups, function (group) {
      var n = group.querySelectorAll("[data-card]:not([hidden])").length;
      group.hidden = n === 0;
      var pill = group.querySelector("[data-group-count]");
      if (pill) pill.textContent = String(n);
    });

    if (countEl) countEl.textContent = (shown === 1 ? one : other).replace("{count}", String(shown));
    if (emptyEl) emptyEl.hidden = shown > 0;
    writeUrl(s);
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  form.addEventListener("reset", function () {
    // Let the browser reset the controls first.
    window.setTimeout(apply, 0);
  });
  // Keyboard: Escape in the search box clears it.
  var search = control("q");
  if (search) {
    search.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && search.value) {
        search.value = "";
        apply();
      }
    });
  }

  form.hidden = false;
  if (links) links.hidden = true;
  restore();
  apply();
})();
