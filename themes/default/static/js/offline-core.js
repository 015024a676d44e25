/* offline-core.js — one job: the service worker's pure rules (no caches, no network; worker.js
   does those): cache names keyed by site id and folder, so two sites of one origin never read each
   other's caches; request URL → cache key; a course list's files; what an update may copy instead
   of downloading; which image copy stands in offline for a wider one; a small promise pool. A course list (_offline/<course>.json) is {v, build, course, title, url,
   list, bytes, files: [[path, bytes, hash]]}, every path relative to the site's folder. */
(function (root) {
  'use strict';
  var SEP = '|';
  /* Where a finished download keeps its list: not a path khoa publishes (slugs never start with _). */
  var LIST = '_khoa-offline-list';

  /* Every cache of the site `site` published at `scope` (its folder's URL) starts with this. */
  function prefix(site, scope) {
    return 'khoa' + SEP + site + SEP + scope + SEP;
  }
  /* kind: 'shell' (files every page needs), 'seen' (visited online), 'course' (a download). */
  function name(pre, kind, build, course) {
    return pre + kind + SEP + build + (course ? SEP + course : '');
  }
  /* {kind, build, course} of one of this site's caches, or null for anyone else's cache. */
  function parse(pre, cacheName) {
    if (cacheName.indexOf(pre) !== 0) return null;
    var parts = cacheName.slice(pre.length).split(SEP);
    if (parts.length < 2 || !parts[1]) return null;
    return { kind: parts[0], build: parts[1], course: parts[2] || '' };
  }
  /* The URL a file is kept under: no query or fragment; a folder is its index.html. */
  function key(url) {
    var bare = url.split('#')[0].split('?')[0];
    return bare.charAt(bare.length - 1) === '/' ? bare + 'index.html' : bare;
  }
  function inScope(url, scope) {
    return url.indexOf(scope) === 0;
  }
  /* The files of a list as {path, url, size, hash}; its total in .bytes. */
  function files(list, scope) {
    var out = [];
    var rows = (list && list.files) || [];
    for (var i = 0; i < rows.length; i++) {
      out.push({ path: rows[i][0], url: scope + rows[i][0], size: rows[i][1], hash: rows[i][2] });
    }
    out.bytes = out.reduce(function (sum, f) {
      return sum + f.size;
    }, 0);
    return out;
  }
  /* Whether `file` is the same in an older list (so an update may copy it). */
  function unchanged(file, oldList) {
    var rows = (oldList && oldList.files) || [];
    for (var i = 0; i < rows.length; i++) {
      if (rows[i][0] === file.path) return rows[i][2] === file.hash;
    }
    return false;
  }
  /* For a copy of an image wider than the widest a course download keeps (a.w1440.jpg), that
     copy (a.w720.jpg); any other URL as it is. 720 is images::OFFLINE_WIDTH (a Rust test checks). */
  function narrower(url) {
    var m = /(.*\.w)(\d+)(\.\w+)$/.exec(url);
    return m && m[2] > 720 ? m[1] + 720 + m[3] : url;
  }
  /* Runs task(item) for every item, at most `width` at a time; rejects with the first failure
     and starts nothing after it. */
  function pool(items, width, task) {
    var next = 0;
    var failed = false;
    function lane() {
      if (failed || next >= items.length) return Promise.resolve();
      var item = items[next++];
      return Promise.resolve()
        .then(function () {
          return task(item);
        })
        .then(lane, function (err) {
          failed = true;
          throw err;
        });
    }
    var lanes = [];
    for (var i = 0; i < Math.max(1, width); i++) lanes.push(lane());
    return Promise.all(lanes);
  }

  var KhoaOffline = {
    LIST: LIST,
    prefix: prefix,
    name: name,
    parse: parse,
    key: key,
    inScope: inScope,
    files: files,
    unchanged: unchanged,
    narrower: narrower,
    pool: pool,
  };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = KhoaOffline;
  } else {
    root.KhoaOffline = KhoaOffline;
  }
})(this);
