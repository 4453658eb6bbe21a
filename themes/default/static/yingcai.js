/* yingcai default theme: small enhancements. Every page works without this file.
   - email links: <a class="email" data-u data-d> becomes a mailto: link
   - print buttons: [data-print] is shown and prints the page
   - home filter: [data-filter] filters the [data-card] items instantly and keeps its state
     in the query string (?q=&team=&location=&level=&type=&remote=1); once the page is idle
     it loads search.js (the URL in data-search) and the small meta file of the index under
     search/, and on first use the rest of the index it needs, for full-text search; it
     shows ranked results, and counts each filter option with the other filters and the
     query applied, disabling options that would show nothing. On a page of a long listing
     ([data-paged]: the home page shows `paginate_by` cards a page), any filter or query shows
     its results from the index, which holds every posting, not only the cards of this page */
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

  /* ---------- Relative dates ----------
     <time datetime="2026-11-01" data-relative>2026年11月1日</time> reads "3 天前" / "3 days
     ago", counted from the reader's today (a site built weeks ago stays right); the full
     date stays as the tooltip. */
  var formats = {};
  function relativeDates(scope) {
    if (!window.Intl || !Intl.RelativeTimeFormat) return;
    var now = Date.now();
    each(scope.querySelectorAll("time[data-relative]"), function (el) {
      var iso = el.getAttribute("datetime") || "";
      var then = Date.parse(iso.length === 10 ? iso + "T00:00:00" : iso);
      if (isNaN(then)) return;
      var days = Math.floor((now - then) / 86400000);
      if (days < 0) return;
      var lang = (el.closest("[lang]") || document.documentElement).getAttribute("lang") || "en";
      var f = formats[lang] || (formats[lang] = new Intl.RelativeTimeFormat(lang, { numeric: "auto" }));
      var text =
        days < 7 ? f.format(-days, "day") :
        days < 30 ? f.format(-Math.floor(days / 7), "week") :
        days < 365 ? f.format(-Math.floor(days / 30), "month") :
        f.format(-Math.floor(days / 365), "year");
      if (!el.title) el.title = el.textContent;
      el.textContent = text;
      el.removeAttribute("data-relative");
    });
  }
  relativeDates(document);

  /* ---------- Apply bar ----------
     Steps aside while the posting's own apply button is on screen. */
  var applyBar = document.querySelector("[data-apply-bar]");
  var applyAside = document.querySelector(".posting-aside .apply");
  if (applyBar && applyAside && window.IntersectionObserver) {
    new IntersectionObserver(function (entries) {
      applyBar.classList.toggle("is-idle", entries[0].isIntersecting);
    }).observe(applyAside);
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
  // This page holds only some of the listing's postings; `total` is how many there are.
  var paged = root.hasAttribute("data-paged");
  var total = parseInt(root.getAttribute("data-total"), 10) || cards.length;
  var pager = document.querySelector("[data-pager]");
  var links = root.querySelector("[data-filter-links]");
  var one = root.getAttribute("data-count-one") || "{count}";
  var other = root.getAttribute("data-count-other") || "{count}";
  // search.js, loaded on first use; it reads the index under search/ next to it.
  var searchScript = root.getAttribute("data-search");
  var canSearch = !!(searchScript && window.Promise && window.fetch && window.URL);
  var engine = null; // the search engine once loaded; false when it cannot be
  var loading = null;
  var generation = 0;
  var PAGE = 20;

  // Query-string key -> form control name.
  var KEYS = ["q", "team", "location", "level", "type", "remote"];
  var FACETS = ["team", "location", "level", "type"];

  function control(name) {
    return form.elements.namedItem(name);
  }

  function normalize(s) {
    s = String(s || "");
    if (s.normalize) s = s.normalize("NFKC");
    return s.toLowerCase().trim();
  }

  // A filter option's text is "label (count)": keep the label, to write new counts into.
  var COUNTED = /^(.*) \((\d+)\)$/;
  function remember(el) {
    var m = COUNTED.exec(el.textContent);
    if (m) el.setAttribute("data-label", m[1]);
  }
  FACETS.forEach(function (name) {
    var el = control(name);
    if (el && el.options) each(el.options, remember);
  });
  var remote = control("remote");
  var remoteText = remote && remote.parentNode.querySelector("span");
  if (remoteText) remember(remoteText);

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

  function setCount(shown) {
    if (countEl) countEl.textContent = (shown === 1 ? one : other).replace("{count}", String(shown));
    if (emptyEl) emptyEl.hidden = shown > 0;
  }

  /* Loads search.js and the index's small meta file, once: a promise of the engine. Run when
     the page is idle, so that the first query only waits for the rest of the index. */
  var opening = null;
  function openIndex() {
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var el = document.createElement("script");
        el.src = searchScript;
        el.onload = function () {
          if (window.YingcaiSearch) resolve(el.src);
          else reject(new Error("search.js"));
        };
        el.onerror = reject;
        document.head.appendChild(el);
      }).then(function (src) {
        return window.YingcaiSearch.open(new URL("search/", src).href);
      });
    }
    return opening;
  }

  /* Opens the index (if the page idle has not yet), then filters again. */
  function loadSearch() {
    if (loading || engine !== null) return;
    if (!canSearch) {
      engine = false;
      return;
    }
    loading = openIndex().then(function (e) {
      engine = e;
      apply();
    }, function () {
      engine = false;
      apply();
    });
  }

  /* The listing as the page has it: cards shown or hidden in their groups. */
  function showCards(s, terms) {
    var shown = 0;
    if (results) results.hidden = true;
    if (pager) pager.hidden = false;
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
    return shown;
  }

  /* Search results, best first, in a list of their own: the first page of cards (swapped in
     for the listing once they are there), and more as the end of the list comes into view. */
  var results = null, sentinel = null, ranked = [], rendered = 0, fetching = 0;
  function resultsList() {
    if (results) return results;
    results = document.createElement("ul");
    results.className = "cards search-results";
    results.setAttribute("role", "list");
    results.setAttribute("data-search-results", "");
    results.hidden = true;
    sentinel = document.createElement("div");
    sentinel.setAttribute("aria-hidden", "true");
    var anchor = groups.length ? groups[0].parentNode : emptyEl;
    anchor.parentNode.insertBefore(results, anchor);
    anchor.parentNode.insertBefore(sentinel, anchor);
    if (window.IntersectionObserver) {
      new IntersectionObserver(function (entries) {
        if (entries[0].isIntersecting) more(generation);
      }, { rootMargin: "400px" }).observe(sentinel);
    }
    return results;
  }

  /* The first page of results: the cards of the first screen are fetched first and swapped in
     for the listing as soon as they are there; the rest of the page follows. */
  var FIRST = 6;
  function showResults(order, gen) {
    var list = resultsList();
    var head = order.slice(0, FIRST);
    var tail = order.slice(FIRST, PAGE);
    fetching = gen;
    ranked = order;
    // Cards that cannot be fetched: the page's own filter takes over, as for a shard.
    function failed() {
      if (gen !== generation) return;
      fetching = 0;
      engine = false;
      apply();
    }
    engine.cards(head).then(function (html) {
      if (gen !== generation) return;
      each(groups, function (group) {
        group.hidden = true;
      });
      each(cards, function (card) {
        card.hidden = true;
      });
      list.innerHTML = html.join("");
      relativeDates(list);
      list.hidden = false;
      if (pager) pager.hidden = true;
      rendered = head.length;
      // The rest of the page once the first screen is drawn: its requests wait for no one.
      return engine.cards(tail).then(function (page) {
        if (gen !== generation) return;
        list.insertAdjacentHTML("beforeend", page.join(""));
        relativeDates(list);
        rendered += tail.length;
        fetching = 0;
        more(gen);
      });
    }).then(null, failed);
  }

  /* The next page of results, while the end of the list is in view. */
  function more(gen) {
    if (!engine || gen !== generation || fetching === gen || rendered >= ranked.length) return;
    var box = sentinel.getBoundingClientRect();
    if (window.IntersectionObserver && box.top > window.innerHeight + 400) return;
    var next = ranked.slice(rendered, rendered + PAGE);
    fetching = gen;
    engine.cards(next).then(function (html) {
      if (gen !== generation) return;
      fetching = 0;
      results.insertAdjacentHTML("beforeend", html.join(""));
      relativeDates(results);
      rendered += next.length;
      more(gen);
    }, function () {
      if (gen === generation) fetching = 0;
    });
  }

  /* Each filter option's count, with the other filters and the query applied; options that
     would show nothing are disabled (the selected one stays selectable). */
  function showCounts(counts) {
    FACETS.forEach(function (name) {
      var el = control(name);
      if (!el || !el.options) return;
      each(el.options, function (option) {
        var label = option.getAttribute("data-label");
        if (!option.value || label === null) return;
        var n = counts[name][option.value] || 0;
        option.textContent = label + " (" + n + ")";
        option.disabled = n === 0 && el.value !== option.value;
      });
    });
    if (remote && remoteText && remoteText.getAttribute("data-label") !== null) {
      var n = counts.remote["1"] || 0;
      remoteText.textContent = remoteText.getAttribute("data-label") + " (" + n + ")";
      remote.disabled = n === 0 && !remote.checked;
    }
  }

  function apply() {
    var s = state();
    var gen = ++generation;
    writeUrl(s);
    if (engine) {
      engine.search(s.q || "").then(function (found) {
        if (gen !== generation) return;
        var f = engine.facets(found, s);
        // A page of a long listing holds some postings only: a filter shows the index's.
        // The first cards are asked for before the counts are written.
        var filtered = s.team || s.location || s.level || s.type || s.remote;
        if (found || (paged && filtered)) showResults(f.shown, gen);
        else showCards(s, []);
        showCounts(f.counts);
        setCount(f.shown.length);
      }, function () {
        // A shard that cannot be fetched: the page's own filter takes over.
        if (gen !== generation) return;
        engine = false;
        apply();
      });
      return;
    }
    if (engine === null && Object.keys(s).length) loadSearch();
    // Until the index is there (or when it cannot be), the cards' own text is searched.
    var shown = showCards(s, normalize(s.q).split(/\s+/).filter(Boolean));
    setCount(paged && !Object.keys(s).length ? total : shown);
  }

  form.addEventListener("focusin", loadSearch);
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
  // search.js and the index's meta file are small: fetched once the page is loaded and idle;
  // the facet values and term shards on first use.
  if (canSearch) {
    window.addEventListener("load", function () {
      var idle = window.requestIdleCallback || function (f) { window.setTimeout(f, 200); };
      idle(function () {
        openIndex().then(function (e) {
          // The first keystroke goes straight to the index.
          if (engine === null && !loading) engine = e;
        }, function () {});
      });
    });
  }
})();
