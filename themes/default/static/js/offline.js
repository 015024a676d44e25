/* offline.js — one job: the page's side of offline use, over http(s) only (on file:// it does
   nothing at all). After the page has loaded: links the web app manifest, registers sw.js (the
   site folder's worker), keeps the first page, offers "Download for offline use" on a course page
   (#_khoa-data.offline names the course's file list), lists downloaded courses on the offline page,
   and shows the update notice when a new build is ready. In khoa serve's preview (KhoaPreview)
   it removes any worker instead. Talks to the worker with messages
   (worker.js); words come from KhoaStrings, sizes and filling from offline-words.js. */
(function () {
  'use strict';
  var sw = navigator.serviceWorker;
  var C = window.KhoaOfflineWords;
  if (!sw || !C || !/^https?:$/.test(location.protocol)) return;
  if (window.KhoaPreview) {
    /* khoa serve: pages change with every save, so no worker may keep them. */
    sw.getRegistrations().then(function (all) {
      all.forEach(function (r) {
        r.unregister();
      });
    });
    return;
  }
  var body = document.body;
  var root = body.getAttribute('data-root') || '';
  var lang = document.documentElement.lang;
  var data = {};
  try {
    data = JSON.parse(document.getElementById('_khoa-data').textContent) || {};
  } catch (_) {
    data = {};
  }
  var updating = false;

  function say(k, values) {
    var t = (window.KhoaStrings || {})[lang] || {};
    return C.format(t[k] || k, values);
  }
  function mb(bytes) {
    return C.size(bytes, lang);
  }
  /* Sends `msg` to the active worker; `onProgress` gets progress messages, the promise the answer. */
  function ask(msg, onProgress) {
    return sw.ready.then(function (reg) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        var answered = false;
        channel.port1.onmessage = function (e) {
          if (answered) return;
          if (e.data && e.data.p) {
            if (onProgress) onProgress(e.data.p);
          } else {
            answered = true;
            resolve(e.data || {});
          }
        };
        reg.active.postMessage(msg, [channel.port2]);
      });
    });
  }

  function notice(waiting) {
    if (document.querySelector('.offline-update')) return;
    var bar = document.createElement('div');
    bar.className = 'offline-update';
    bar.setAttribute('role', 'status');
    bar.appendChild(document.createTextNode(say('offline_update') + ' — '));
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = say('offline_update_button');
    button.onclick = function () {
      updating = true;
      button.disabled = true;
      waiting.postMessage({ t: 'skip' });
    };
    bar.appendChild(button);
    body.appendChild(bar);
  }
  function watch(reg) {
    if (!reg) return; /* a browser that blocks workers may resolve with nothing */
    if (reg.waiting && sw.controller) notice(reg.waiting);
    reg.addEventListener('updatefound', function () {
      var next = reg.installing;
      next.addEventListener('statechange', function () {
        if (next.state === 'installed' && sw.controller) notice(next);
      });
    });
    sw.addEventListener('controllerchange', function () {
      if (updating) location.reload();
    });
    if (!sw.controller) {
      var loaded = performance.getEntriesByType('resource').map(function (r) {
        return r.name;
      });
      ask({ t: 'keep', urls: [location.href].concat(loaded) });
    }
    var box = document.querySelector('[data-khoa-offline]');
    if (box && data.offline) courseBox(box);
    var list = document.querySelector('[data-khoa-offline-list]');
    if (list) downloaded(list);
  }

  function courseBox(box) {
    var get = box.querySelector('.offline-get');
    var remove = box.querySelector('.offline-remove');
    var status = box.querySelector('.offline-status');
    var total = 0;
    function show(ready, text) {
      get.hidden = ready;
      get.disabled = false;
      remove.hidden = !ready;
      status.textContent = text;
    }
    function problem(r) {
      if (r.err === 'quota') return say('offline_quota', { size: mb(r.bytes || total) });
      if (r.err === 'stale') return say('offline_stale');
      return say('offline_failed', { file: r.file || data.offline });
    }
    ask({ t: 'status' }).then(function (r) {
      var mine = (r.courses || {})[data.course];
      show(!!mine, mine ? say('offline_ready', { size: mb(mine.bytes) }) : '');
      box.hidden = false;
    });
    get.onclick = function () {
      get.disabled = true;
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
      ask({ t: 'get', list: data.offline }, function (p) {
        total = p[3];
        var values = { done: p[0], total: p[1], got: mb(p[2]), size: mb(p[3]) };
        status.textContent = say('offline_progress', values);
      }).then(function (r) {
        show(!!r.ok, r.ok ? say('offline_ready', { size: mb(r.bytes) }) : problem(r));
      });
    };
    remove.onclick = function () {
      ask({ t: 'drop', course: data.course }).then(function () {
        show(false, say('offline_removed'));
      });
    };
  }

  function downloaded(section) {
    ask({ t: 'status' }).then(function (r) {
      var ul = section.querySelector('ul');
      var ids = Object.keys(r.courses || {});
      ids.forEach(function (id) {
        var c = r.courses[id];
        var a = document.createElement('a');
        a.href = root + c.url;
        a.textContent = c.title;
        var li = document.createElement('li');
        li.appendChild(a);
        li.appendChild(document.createTextNode(' · ' + mb(c.bytes)));
        ul.appendChild(li);
      });
      section.querySelector('.offline-none').hidden = ids.length > 0;
      section.hidden = false;
    });
  }

  window.addEventListener('load', function () {
    var link = document.createElement('link');
    link.rel = 'manifest';
    link.href = root + 'manifest.webmanifest';
    document.head.appendChild(link);
    sw.register(root + 'sw.js').then(watch, function () {});
  });
})();
