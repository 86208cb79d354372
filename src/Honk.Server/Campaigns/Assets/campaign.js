// Follows a campaign without reloading the page: fetches the page's live part every few seconds and swaps only the
// parts (and repository rows) whose HTML changed, so scrolling, focus and an open form stay where they are.
(function () {
  'use strict';
  var page = document.querySelector('article.campaign-page[data-live]');
  var live = document.getElementById('campaign-live');
  if (!page || !live) { return; }
  var url = page.getAttribute('data-live');
  var RUNNING = 2000, IDLE = 10000, MAX_BACKOFF = 60000;
  var delay = RUNNING, timer = null, busy = false;

  function parts(root) {
    var found = {};
    Array.prototype.forEach.call(root.children, function (el) {
      var key = el.getAttribute('data-part');
      if (key) { found[key] = el; }
    });
    return found;
  }

  function rows(section) {
    var found = {};
    Array.prototype.forEach.call(section.querySelectorAll('tr[data-repository]'), function (tr) {
      found[tr.getAttribute('data-repository')] = tr;
    });
    return found;
  }

  // Rows are patched one by one: a long table is not rebuilt when one repository changed.
  function patchRepositories(current, next) {
    var oldRows = rows(current), newRows = rows(next);
    var sameRows = Object.keys(oldRows).length === Object.keys(newRows).length &&
      Object.keys(newRows).every(function (k) { return oldRows[k]; }) &&
      current.querySelector('thead').outerHTML === next.querySelector('thead').outerHTML;
    if (!sameRows) { current.replaceWith(document.importNode(next, true)); return; }
    Object.keys(newRows).forEach(function (k) {
      if (oldRows[k].outerHTML !== newRows[k].outerHTML) { oldRows[k].replaceWith(document.importNode(newRows[k], true)); }
    });
  }

  function apply(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var next = doc.getElementById('campaign-live');
    if (!next) { return null; }
    var oldParts = parts(live), newParts = parts(next);
    var sameShape = Object.keys(oldParts).join() === Object.keys(newParts).join();
    if (!sameShape) {
      live.replaceWith(document.importNode(next, true));
      live = document.getElementById('campaign-live');
    } else {
      Object.keys(newParts).forEach(function (key) {
        if (oldParts[key].outerHTML === newParts[key].outerHTML) { return; }
        if (key === 'repositories') { patchRepositories(oldParts[key], newParts[key]); }
        else { oldParts[key].replaceWith(document.importNode(newParts[key], true)); }
      });
      live.setAttribute('data-status', next.getAttribute('data-status'));
    }
    return next.getAttribute('data-status');
  }

  function schedule() {
    clearTimeout(timer);
    if (!document.hidden) { timer = setTimeout(refresh, delay); }
  }

  function refresh() {
    if (busy) { return; }
    busy = true;
    fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.text();
      })
      .then(function (html) {
        var status = apply(html);
        delay = status === 'running' ? RUNNING : IDLE;
      })
      .catch(function () { delay = Math.min(delay * 2, MAX_BACKOFF); })
      .then(function () { busy = false; schedule(); });
  }

  document.addEventListener('visibilitychange', function () { if (document.hidden) { clearTimeout(timer); } else { refresh(); } });
  delay = live.getAttribute('data-status') === 'running' ? RUNNING : IDLE;
  schedule();
}());
