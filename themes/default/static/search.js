/* yingcai default theme: full-text search over the index `yingcai build` writes under
   search/ (see src/search/ in yingcai). Loaded by yingcai.js on first use of the filter.

   Tokens follow the index's rules (src/search/tokens.rs): full-width ASCII folded, lower case;
   runs of letters and digits are words ("c++" and "c#" keep their sign); CJK runs give
   character bigrams, a lone CJK character is a token of its own.

   A query matches postings that hold every token. Words match whole: "go" is not
   "governance", "java" is not "javascript". The last token, while it is being typed (the
   query does not end in a space), also matches longer words it begins when it has 3 or more
   characters and is not itself a word of the index ("javas" finds "javascript"); a lone CJK
   character at the end matches the words it begins. Postings are ranked by the sum of their
   tokens' BM25 scores (title > tags > team > places, level, type > body). */
(function () {
  "use strict";

  var PREFIX_MIN = 3;
  var MAX_TOKEN = 40;
  var PREFIX_FACTOR = 0.8;
  // A match's sort key keeps its doc below this (or the index's count, if larger).
  var DOC_SPAN = 1 << 22;
  var WORD = /^[\p{Alphabetic}\p{N}]$/u;

  function isCjk(cp) {
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
  }

  /* Tokens of `text`: [{t: token, kind: "word"|"bigram"|"single", end: whether it runs to the
     end of the text}]. */
  function tokenize(text) {
    var out = [];
    var word = "", wordChars = 0, prev = null, run = 0;
    function flush(atEnd) {
      if (word && wordChars <= MAX_TOKEN) out.push({ t: word, kind: "word", end: atEnd });
      word = "";
      wordChars = 0;
    }
    function single(atEnd) {
      if (run === 1 && prev !== null) out.push({ t: prev, kind: "single", end: atEnd });
    }
    // Full-width ASCII to ASCII first, as the index does.
    var chars = Array.from(String(text || ""), function (c) {
      var cp = c.codePointAt(0);
      return cp >= 0xff01 && cp <= 0xff5e ? String.fromCodePoint(cp - 0xfee0) : c;
    });
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      var cp = c.codePointAt(0);
      if (isCjk(cp)) {
        flush(false);
        if (prev !== null) out.push({ t: prev + c, kind: "bigram", end: i === chars.length - 1 });
        prev = c;
        run++;
        continue;
      }
      single(false);
      prev = null;
      run = 0;
      if (WORD.test(c)) {
        word += c.toLowerCase();
        wordChars++;
      } else if (word && (c === "+" || c === "#")) {
        word += c;
        while (i + 1 < chars.length && (chars[i + 1] === "+" || chars[i + 1] === "#")) word += chars[++i];
        flush(i === chars.length - 1);
      } else {
        flush(false);
      }
    }
    flush(true);
    single(true);
    return out;
  }

  /* Compares strings by code point, as the index sorts its terms. */
  function compare(a, b) {
    var ia = 0, ib = 0;
    while (ia < a.length && ib < b.length) {
      var ca = a.codePointAt(ia), cb = b.codePointAt(ib);
      if (ca !== cb) return ca < cb ? -1 : 1;
      ia += ca > 0xffff ? 2 : 1;
      ib += cb > 0xffff ? 2 : 1;
    }
    return (a.length - ia) - (b.length - ib);
  }

  function getJson(url, options) {
    return fetch(url, options).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function Engine(base, meta) {
    this.base = base;
    this.meta = meta;
    this.shards = {};
    this.chunks = {};
    // Shards that hold terms, with their first term, in order.
    this.ranges = [];
    for (var i = 0; i < meta.shards.length; i++) {
      if (meta.shards[i][0] !== null) this.ranges.push({ first: meta.shards[i][0], shard: i });
    }
  }

  /* The position in `ranges` of the shard that would hold `term`. */
  Engine.prototype.rangeOf = function (term) {
    var lo = 0, hi = this.ranges.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (compare(this.ranges[mid].first, term) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  };

  Engine.prototype.shard = function (i) {
    if (!this.shards[i]) {
      var url = this.base + "t/" + i + ".json?v=" + this.meta.shards[i][1];
      this.shards[i] = getJson(url);
    }
    return this.shards[i];
  };

  /* Each doc's facet values (facets.json), fetched once, with the first query's shards. */
  Engine.prototype.loadFacets = function () {
    var self = this;
    if (!this.facetRows) {
      this.facetRows = getJson(this.base + "facets.json?v=" + this.meta.facets).then(function (f) {
        self.rows = f.docs;
      });
    }
    return this.facetRows;
  };

  Engine.prototype.chunk = function (i) {
    if (!this.chunks[i]) {
      var url = this.base + "d/" + i + ".json?v=" + this.meta.chunks[i];
      this.chunks[i] = getJson(url);
    }
    return this.chunks[i];
  };

  /* Adds a term's postings to `into` (a score per doc, 0 for none), scaled by `factor`; a doc
     keeps its best score. */
  function addPostings(into, list, factor) {
    var doc = 0;
    for (var k = 0; k + 1 < list.length; k += 2) {
      doc += list[k];
      var score = list[k + 1] * factor;
      if (score > into[doc]) into[doc] = score;
    }
  }

  /* Scores per doc for one query token; with `prefix`, also the words it begins (for a word,
     only when it is not a whole word of the index itself; `always`: even then). */
  Engine.prototype.lookup = function (token, prefix, always) {
    var found = new Float64Array(this.meta.count);
    if (!this.ranges.length) return Promise.resolve(found);
    var start = this.rangeOf(token);
    var end = start;
    if (prefix) {
      while (end + 1 < this.ranges.length && this.ranges[end + 1].first.indexOf(token) === 0) end++;
    }
    var loads = [];
    for (var r = start; r <= end; r++) loads.push(this.shard(this.ranges[r].shard));
    return Promise.all(loads).then(function (shards) {
      var exact = shards[0][token];
      if (exact) addPostings(found, exact, 1);
      if (prefix && (always || !exact)) {
        shards.forEach(function (terms) {
          for (var term in terms) {
            if (term.length > token.length && term.indexOf(token) === 0) {
              addPostings(found, terms[term], PREFIX_FACTOR);
            }
          }
        });
      }
      return found;
    });
  };

  /* The postings matching `query`, best first, as doc numbers, or null for a query without
     tokens; once it resolves, the facet values are loaded for `facets`. */
  Engine.prototype.search = function (query) {
    var tokens = tokenize(query);
    var facets = this.loadFacets();
    if (!tokens.length) return facets.then(function () { return null; });
    var typing = !/\s$/.test(query);
    var seen = {};
    var lookups = [];
    var count = this.meta.count;
    tokens.forEach(function (tok, i) {
      var last = i === tokens.length - 1 && typing && tok.end;
      var prefix = last && ((tok.kind === "word" && Array.from(tok.t).length >= PREFIX_MIN) || tok.kind === "single");
      var key = tok.t + (prefix ? "*" : "");
      if (seen[key]) return;
      seen[key] = true;
      lookups.push(this.lookup(tok.t, prefix, tok.kind === "single"));
    }, this);
    return Promise.all([Promise.all(lookups), facets]).then(function (loaded) {
      var scores = loaded[0];
      // Each match as one number, sorted natively: its score (whole in fifths: postings are
      // whole numbers, prefix matches count 4/5) above the bits that order ties by doc.
      var span = Math.max(DOC_SPAN, count);
      var keys = new Float64Array(count);
      var n = 0;
      for (var doc = 0; doc < count; doc++) {
        var total = 0;
        for (var m = 0; m < scores.length; m++) {
          var s = scores[m][doc];
          if (!s) break;
          total += s;
        }
        if (m === scores.length) keys[n++] = Math.round(total * 5) * span + (span - 1 - doc);
      }
      var sorted = keys.subarray(0, n).sort();
      var docs = new Array(n);
      for (var i = 0; i < n; i++) docs[i] = span - 1 - (sorted[n - 1 - i] % span);
      return docs;
    });
  };

  /* The cards' HTML of `docs`, in order. */
  Engine.prototype.cards = function (docs) {
    var self = this;
    var size = this.meta.chunk;
    return Promise.all(docs.map(function (doc) {
      return self.chunk(Math.floor(doc / size)).then(function (chunk) {
        return chunk[doc % size] || "";
      });
    }));
  };

  /* Filter state {team, location, level, type, remote} as facet indexes (-1: any; -2: a value
     no posting has). */
  Engine.prototype.selection = function (state) {
    var m = this.meta;
    function index(list, value) {
      if (!value) return -1;
      var i = list.indexOf(value);
      return i < 0 ? -2 : i;
    }
    return {
      team: index(m.teams, state.team),
      location: index(m.locations, state.location),
      level: index(m.levels, state.level),
      type: index(m.types, state.type),
      remote: state.remote ? 1 : -1
    };
  };

  var FACETS = ["team", "level", "type", "remote", "location"];

  /* Whether facet row `row` passes the selection, leaving facet `skip` out; with `only`,
     whether it passes facet `skip` alone. */
  function passes(row, sel, skip, only) {
    for (var f = 0; f < 4; f++) {
      if ((f === skip) === !only) continue;
      var want = sel[FACETS[f]];
      if (want !== -1 && row[f] !== want) return false;
    }
    if ((skip === 4) === !!only && sel.location !== -1) {
      var found = false;
      for (var k = 4; k < row.length; k++) if (row[k] === sel.location) found = true;
      if (!found) return false;
    }
    return true;
  }

  /* For docs `docs` (all when null) and filter state `state`: the docs passing every filter,
     and each facet value's count with the other filters applied, by facet name and value.
     Counted by index into the facet's values, named at the end. Needs the facet values
     loaded (`search` loads them). */
  Engine.prototype.facets = function (docs, state) {
    var m = this.meta;
    var sel = this.selection(state);
    // With no filter every doc is shown and counted for every facet: no row is tested.
    var filtered = sel.team !== -1 || sel.location !== -1 || sel.level !== -1 ||
      sel.type !== -1 || sel.remote !== -1;
    var names = [m.teams, m.levels, m.types, null, m.locations];
    var tallies = names.map(function (list) {
      return new Int32Array(list ? list.length : 1);
    });
    var shown = [];
    var n = docs ? docs.length : m.count;
    var rows = this.rows;
    for (var i = 0; i < n; i++) {
      var doc = docs ? docs[i] : i;
      var row = rows[doc];
      // The first facet this row fails, and whether it fails a second one.
      var failed = -1, twice = false;
      for (var f = 0; filtered && f < 5 && !twice; f++) {
        if (!passes(row, sel, f, true)) {
          if (failed === -1) failed = f;
          else twice = true;
        }
      }
      if (twice) continue;
      if (failed === -1) shown.push(doc);
      for (f = 0; f < 5; f++) {
        if (failed !== -1 && failed !== f) continue;
        if (f === 3) {
          if (row[3] === 1) tallies[3][0]++;
        } else if (f === 4) {
          for (var k = 4; k < row.length; k++) tallies[4][row[k]]++;
        } else if (row[f] >= 0) {
          tallies[f][row[f]]++;
        }
      }
    }
    var counts = {};
    FACETS.forEach(function (name, f) {
      var out = {};
      var tally = tallies[f];
      for (var v = 0; v < tally.length; v++) {
        if (tally[v]) out[f === 3 ? "1" : names[f][v]] = tally[v];
      }
      counts[name] = out;
    });
    return { shown: shown, counts: counts };
  };

  window.YingcaiSearch = {
    tokenize: tokenize,
    /* Opens the index under `base` (a URL ending in "search/"): a promise of the engine. */
    open: function (base) {
      return getJson(base + "meta.json", { cache: "no-cache" }).then(function (meta) {
        if (meta.version !== 2) throw new Error("search index version " + meta.version);
        return new Engine(base, meta);
      });
    }
  };
})();
