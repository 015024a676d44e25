/* worker.js — one job: the service worker (sw.js = the build's data line, offline-core.js, this).
   Keeps, in caches named for this site, folder and build: the shell (precached on install), the
   pages visited online, and each course a learner downloads. Answers every request of its folder
   from this build's caches first, else from the network (keeping what it gets), else with the
   offline page (a page) or the downloaded copy of an image (a wider copy the phone asked for). A new build installs beside the old one and downloads again the courses the
   learner had, copying unchanged files; the page then asks it to take over, and the old caches go
   at once: a course is never served half old, half new. localStorage (progress) is never touched. */
(function () {
  'use strict';
  var C = self.KhoaOffline;
  var D = self.KhoaBuild;
  var scope = self.registration.scope;
  var pre = C.prefix(D.site, scope);
  var SHELL = C.name(pre, 'shell', D.build);
  var SEEN = C.name(pre, 'seen', D.build);
  var LIST = scope + C.LIST;

  function fail(code, file, bytes) {
    var err = new Error(code);
    err.code = code;
    err.file = file || '';
    err.bytes = bytes || 0;
    return err;
  }
  /* This site's caches: the names of this build, or {name: parsed} of all builds. */
  function ours(thisBuild) {
    return caches.keys().then(function (names) {
      return names.filter(function (n) {
        var p = C.parse(pre, n);
        return p && (p.build === D.build) === thisBuild;
      });
    });
  }
  function lookup(url) {
    return ours(true).then(function (names) {
      return names.reduce(function (found, n) {
        return found.then(function (hit) {
          return (
            hit ||
            caches.open(n).then(function (c) {
              return c.match(url);
            })
          );
        });
      }, Promise.resolve(undefined));
    });
  }
  function fresh(url) {
    return fetch(new Request(url, { cache: 'no-cache' }));
  }
  function put(cache, url, res) {
    return cache.put(url, res).catch(function (err) {
      throw fail(err && err.name === 'QuotaExceededError' ? 'quota' : 'fetch', url);
    });
  }
  function offlinePage() {
    return caches
      .open(SHELL)
      .then(function (c) {
        return c.match(scope + D.offline);
      })
      .then(function (res) {
        if (!res) return Response.error();
        return res.text().then(function (html) {
          var based = html.replace(/<head[^>]*>/i, function (head) {
            return head + '<base href="' + scope + '">';
          });
          return new Response(based, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
        });
      });
  }
  function answer(req, url) {
    return lookup(url).then(function (hit) {
      if (hit) return hit;
      return fetch(req).then(
        function (res) {
          if (res.ok && res.type === 'basic') {
            var copy = res.clone();
            caches.open(SEEN).then(function (c) {
              return c.put(url, copy);
            });
          }
          return res;
        },
        /* Offline: a page gets the offline page; anything else what this build kept of it (a
           narrower image copy) or, with nothing kept, no response: a network error. */
        function () {
          return req.mode === 'navigate' ? offlinePage() : lookup(C.narrower(url));
        },
      );
    });
  }

  /* Downloads the course whose list is at `listPath` into this build's cache for it, copying
     what this build's shell or the course's older download (`older`, a cache name) already has. */
  function download(listPath, report, older) {
    return fresh(scope + listPath)
      .then(function (res) {
        if (res.status === 404) throw fail('gone', listPath);
        if (!res.ok) throw fail('fetch', listPath);
        return res.json();
      })
      .then(function (list) {
        if (list.build !== D.build) throw fail('stale');
        var files = C.files(list, scope);
        return Promise.all([
          caches.open(C.name(pre, 'course', D.build, list.course)),
          caches.open(SHELL),
          older ? caches.open(older) : null,
          oldList(older),
          room(files.bytes),
        ]).then(function (o) {
          return fill(list, files, o[0], o[1], o[2], o[3], report);
        });
      });
  }
  function oldList(older) {
    if (!older) return null;
    return caches
      .open(older)
      .then(function (c) {
        return c.match(LIST);
      })
      .then(function (res) {
        return res ? res.json() : null;
      });
  }
  function room(bytes) {
    var storage = self.navigator.storage;
    if (!storage || !storage.estimate) return null;
    return storage.estimate().then(function (e) {
      if (e.quota && e.quota - (e.usage || 0) < bytes) throw fail('quota', '', bytes);
    });
  }
  function fill(list, files, cache, shell, oldCache, old, report) {
    var done = 0;
    var got = 0;
    return C.pool(files, 4, function (f) {
      return cache
        .match(f.url)
        .then(function (have) {
          if (have) return;
          var copy = shell.match(f.url).then(function (res) {
            if (res || !oldCache || !C.unchanged(f, old)) return res;
            return oldCache.match(f.url);
          });
          return copy.then(function (res) {
            if (res) return put(cache, f.url, res);
            return fresh(f.url).then(
              function (net) {
                if (!net.ok) throw fail('fetch', f.path);
                return put(cache, f.url, net);
              },
              function () {
                throw fail('fetch', f.path);
              },
            );
          });
        })
        .then(function () {
          done++;
          got += f.size;
          if (report) report([done, files.length, got, files.bytes]);
        });
    }).then(function () {
      return put(cache, LIST, new Response(JSON.stringify(list))).then(function () {
        return list;
      });
    });
  }

  /* Finished downloads of this build: {course id: {title, url, bytes}}. */
  function status() {
    var out = {};
    return ours(true)
      .then(function (names) {
        return Promise.all(
          names.map(function (n) {
            if (C.parse(pre, n).kind !== 'course') return null;
            return caches
              .open(n)
              .then(function (c) {
                return c.match(LIST);
              })
              .then(function (res) {
                return res && res.json();
              })
              .then(function (l) {
                if (l) out[l.course] = { title: l.title, url: l.url, bytes: l.bytes };
              });
          }),
        );
      })
      .then(function () {
        return out;
      });
  }
  function drop(course) {
    return caches.keys().then(function (names) {
      return Promise.all(
        names.map(function (n) {
          var p = C.parse(pre, n);
          return p && p.kind === 'course' && p.course === course ? caches.delete(n) : null;
        }),
      );
    });
  }
  /* Keeps the page that registered the worker (it came before the worker) and what it loaded. */
  function keep(urls) {
    return caches.open(SEEN).then(function (seen) {
      return C.pool(urls, 4, function (u) {
        var url = C.key(u);
        if (!C.inScope(url, scope)) return null;
        return lookup(url).then(function (hit) {
          if (hit) return;
          return fetch(url).then(function (res) {
            if (res.ok) return seen.put(url, res);
          });
        });
      });
    });
  }
  /* On install: the courses downloaded with an older build, downloaded again for this one. */
  function carryOver() {
    return ours(false).then(function (names) {
      var older = names.filter(function (n) {
        return C.parse(pre, n).kind === 'course';
      });
      return C.pool(older, 1, function (n) {
        return oldList(n).then(function (l) {
          if (!l) return null;
          return download(l.list, null, n).catch(function (err) {
            if (err.code !== 'gone') throw err;
          });
        });
      });
    });
  }

  /* The shell list of this very build: a list from another build means the site changed while
     installing, and installing fails (the next visit tries again). */
  function shellFiles() {
    return fresh(scope + D.shell)
      .then(function (res) {
        if (!res.ok) throw fail('fetch', D.shell);
        return res.json();
      })
      .then(function (list) {
        if (list.build !== D.build) throw fail('stale');
        return list.files.map(function (p) {
          return scope + p;
        });
      });
  }
  self.addEventListener('install', function (e) {
    e.waitUntil(
      Promise.all([caches.open(SHELL), shellFiles()])
        .then(function (got) {
          var c = got[0];
          return C.pool(got[1], 4, function (url) {
            return fresh(url).then(function (res) {
              if (!res.ok) throw fail('fetch', url);
              return c.put(url, res);
            });
          });
        })
        .then(carryOver),
    );
  });
  self.addEventListener('activate', function (e) {
    e.waitUntil(
      ours(false)
        .then(function (names) {
          return Promise.all(names.map(caches.delete.bind(caches)));
        })
        .then(function () {
          return self.clients.claim();
        }),
    );
  });
  self.addEventListener('fetch', function (e) {
    var req = e.request;
    var url = C.key(req.url);
    if (req.method !== 'GET' || req.headers.has('range') || !C.inScope(url, scope)) return;
    e.respondWith(answer(req, url));
  });
  self.addEventListener('message', function (e) {
    var m = e.data || {};
    var port = e.ports[0];
    function say(x) {
      if (port) port.postMessage(x);
    }
    var job = null;
    if (m.t === 'skip') return self.skipWaiting();
    if (m.t === 'get') {
      job = download(m.list, function (p) {
        say({ p: p });
      }).then(function (l) {
        say({ ok: 1, bytes: l.bytes });
      });
    } else if (m.t === 'drop') {
      job = drop(m.course).then(function () {
        say({ ok: 1 });
      });
    } else if (m.t === 'status') {
      job = status().then(function (courses) {
        say({ courses: courses });
      });
    } else if (m.t === 'keep') {
      job = keep(m.urls || []);
    }
    if (job) {
      e.waitUntil(
        job.catch(function (err) {
          var e2 = err || {};
          say({ err: e2.code || 'fetch', file: e2.file || '', bytes: e2.bytes || 0 });
        }),
      );
    }
  });
})();
