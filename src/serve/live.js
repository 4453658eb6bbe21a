// yingcai serve: reloads this page when the site is rebuilt, swaps stylesheets when only
// they changed, and shows build problems over the page. Put in by the dev server only.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.EventSource || window.__yingcaiLive) return;
  window.__yingcaiLive = true;

  var base = me.getAttribute("data-base") || "/";
  var server = me.getAttribute("data-server") || "";
  var build = me.getAttribute("data-build") || "0";
  var served = me.getAttribute("data-path") || "";
  var scrollKey = "yingcai-scroll:" + location.pathname;
  var overlayId = "yingcai-overlay";

  function decode(text) {
    try { return decodeURIComponent(text); } catch (e) { return text; }
  }

  // The output path of this page as the address bar names it ("jobs/x/index.html").
  function ownPath() {
    var path = decode(location.pathname);
    var prefix = decode(base);
    if (path.indexOf(prefix) !== 0) return null;
    path = path.slice(prefix.length);
    return path === "" || path.charAt(path.length - 1) === "/" ? path + "index.html" : path;
  }

  // Scroll position survives the reload.
  try {
    var saved = sessionStorage.getItem(scrollKey);
    if (saved !== null) {
      sessionStorage.removeItem(scrollKey);
      var y = parseFloat(saved) || 0;
      if ("scrollRestoration" in history) history.scrollRestoration = "manual";
      var restore = function () { window.scrollTo(window.scrollX, y); };
      restore();
      window.addEventListener("load", restore);
    }
  } catch (e) { /* storage may be disabled */ }

  var reloading = false;
  function reload() {
    if (reloading) return;
    reloading = true;
    try { sessionStorage.setItem(scrollKey, String(window.scrollY)); } catch (e) { /* ignore */ }
    location.reload();
  }

  function touchesThisPage(changed) {
    var own = ownPath();
    for (var i = 0; i < changed.length; i++) {
      var path = changed[i];
      if (path === served || path === own) return true;
      // Anything but another page (a script, an image, data) may be used here.
      if (!/\.html$/.test(path)) return true;
    }
    return false;
  }

  function swapStylesheets(changed) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var url;
      try { url = new URL(link.href, location.href); } catch (e) { continue; }
      var path = decode(url.pathname);
      for (var j = 0; j < changed.length; j++) {
        if (path === decode(base) + changed[j]) { refresh(link, url); break; }
      }
    }
  }

  function refresh(link, url) {
    var next = link.cloneNode(false);
    url.searchParams.set("v", "live" + Date.now());
    next.href = url.pathname + url.search;
    var done = function () { if (link.parentNode) link.parentNode.removeChild(link); };
    next.addEventListener("load", done);
    next.addEventListener("error", done);
    link.parentNode.insertBefore(next, link.nextSibling);
  }

  function hideProblems() {
    var old = document.getElementById(overlayId);
    if (old && old.parentNode) old.parentNode.removeChild(old);
  }

  // The problems, built from DOM nodes and text only: messages are never parsed as HTML.
  function showProblems(problems) {
    hideProblems();
    if (!problems || !problems.length) return;
    var box = document.createElement("div");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:24px;" +
      "background:rgba(20,20,24,.92);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left";
    var panel = document.createElement("div");
    panel.style.cssText = "max-width:960px;margin:0 auto";
    var title = document.createElement("h2");
    title.style.cssText = "margin:0 0 4px;font:600 18px/1.4 system-ui,sans-serif;color:#fca5a5";
    title.textContent = "Build failed: " + problems.length + (problems.length === 1 ? " problem" : " problems");
    var note = document.createElement("p");
    note.style.cssText = "margin:0 0 16px;font:14px/1.5 system-ui,sans-serif;color:#d4d4d8";
    note.textContent = "The page below is the last good build. Fix the file and save: this goes away by itself.";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Dismiss");
    close.style.cssText = "float:right;font:20px/1 system-ui,sans-serif;background:none;color:inherit;border:0;cursor:pointer";
    close.addEventListener("click", hideProblems);
    panel.appendChild(close);
    panel.appendChild(title);
    panel.appendChild(note);
    var list = document.createElement("ol");
    list.style.cssText = "margin:0;padding:0;list-style:none";
    for (var i = 0; i < problems.length; i++) {
      var p = problems[i];
      var item = document.createElement("li");
      item.style.cssText = "margin:0 0 12px;padding:10px 12px;border-left:3px solid #f87171;background:rgba(255,255,255,.05)";
      var where = document.createElement("div");
      where.style.cssText = "color:#fde68a";
      where.textContent = p.path + ":" + p.line + ":" + p.column;
      var what = document.createElement("pre");
      what.style.cssText = "margin:4px 0 0;white-space:pre-wrap;font:inherit;color:inherit";
      what.textContent = p.message;
      item.appendChild(where);
      item.appendChild(what);
      list.appendChild(item);
    }
    panel.appendChild(list);
    box.appendChild(panel);
    (document.body || document.documentElement).appendChild(box);
  }

  function data(event) {
    try { return JSON.parse(event.data); } catch (e) { return {}; }
  }

  // The page in view (as the address names it, and the file served there, which differ on
  // a "not found" page): rendered first after a change, before the reload signal.
  var pages = "?page=" + encodeURIComponent(ownPath() || served);
  if (served && served !== ownPath()) pages += "&page=" + encodeURIComponent(served);
  var source = new EventSource(base + "__yingcai/events" + pages);
  source.addEventListener("hello", function (event) {
    var d = data(event);
    // Built again since this page was served, or served by another server since: fetch
    // it anew (unless there is nothing built to fetch).
    if ((String(d.build) !== build || d.server !== server) && d.build !== 0) return reload();
    showProblems(d.problems);
  });
  source.addEventListener("reload", function (event) {
    var d = data(event);
    if (d.all || build === "0" || touchesThisPage(d.changed || [])) return reload();
    build = String(d.build);
  });
  source.addEventListener("css", function (event) {
    var d = data(event);
    swapStylesheets(d.changed || []);
    build = String(d.build);
  });
  source.addEventListener("error", function (event) {
    // Also fired, without data, when the connection drops; EventSource then reconnects.
    if (typeof event.data === "string") showProblems(data(event).problems);
  });
  source.addEventListener("ok", hideProblems);
})();
