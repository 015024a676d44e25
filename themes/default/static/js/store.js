/* store.js — one job: the learner's progress as data (no DOM); store-storage.js keeps it in a guarded storage.
   Keys khoa:v1:<site>:<profile>:<course> and khoa:v1:<site>:profiles {list:[{id,name,full?}],cur}; bad values go to <key>:corrupt:<ms>.
   State {v:1, lessons:{id:{f,l,d}}, answers:{qid:{a,ok,n,p,m,t}}, last}: first/last visit, done, answer time in s,
   a answer, n attempts, p/m points/max. Outline (_khoa/data/<course>.js): {complete, pass, lessons:[[id, url, [[qid, points]]]]}. */
(function (root) {
  'use strict';
  var VERSION = 1,
    NS = 'khoa:v1:',
    CODE = 'KHOA2',
    DAY = 86400;
  /* MIGRATIONS[n](state v n) -> state v n+1 */
  var MIGRATIONS = {};

  function key(site, profile, course) {
    return NS + site + ':' + profile + ':' + course;
  }
  function fresh() {
    return { v: VERSION, lessons: {}, answers: {}, last: '' };
  }
  function now() {
    return Math.floor(Date.now() / 1000);
  }
  function isObj(x) {
    return x !== null && typeof x === 'object' && !Array.isArray(x);
  }
  function num(x) {
    return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0;
  }
  function okId(k) {
    return typeof k === 'string' && k.length > 0 && k.length <= 200;
  }
  function copy(x) {
    return JSON.parse(JSON.stringify(x));
  }

  function migrate(data, table, target) {
    table = table || MIGRATIONS;
    target = target || VERSION;
    while (isObj(data) && data.v < target && table[data.v]) data = table[data.v](data);
    return isObj(data) && data.v === target ? data : null;
  }

  /* Well-formed entries only; null if not a known version */
  function validate(data) {
    data = isObj(data) && data.v >= 1 ? migrate(data) : null;
    if (!data || !isObj(data.lessons) || !isObj(data.answers)) return null;
    var out = fresh(),
      k,
      x,
      a,
      json;
    for (k in data.lessons) {
      x = data.lessons[k];
      if (okId(k) && isObj(x)) out.lessons[k] = { f: num(x.f), l: num(x.l), d: num(x.d) };
    }
    for (k in data.answers) {
      x = data.answers[k];
      if (!okId(k) || !isObj(x)) continue;
      a = out.answers[k] = {
        ok: x.ok === true,
        n: Math.floor(num(x.n)),
        p: num(x.p),
        m: num(x.m),
        t: num(x.t),
      };
      json = x.a === undefined ? '' : JSON.stringify(x.a);
      if (json && json.length <= 4096) a.a = JSON.parse(json);
    }
    if (okId(data.last)) out.last = data.last;
    return out;
  }

  function parse(text) {
    var s = null;
    if (text === null || text === undefined) return { state: fresh(), corrupt: false };
    try {
      s = validate(JSON.parse(text));
    } catch (_e) {
      s = null;
    }
    return { state: s || fresh(), corrupt: !s };
  }

  function entry(state, id, t) {
    if (!state.lessons[id]) state.lessons[id] = { f: t, l: t, d: 0 };
    return state.lessons[id];
  }
  function visit(state, id, t) {
    t = t || now();
    entry(state, id, t).l = t;
    state.last = id;
    return state;
  }
  function done(state, id, t) {
    var l = entry(state, id, t || now());
    l.d = l.d || t || now();
    return state;
  }
  function answer(state, d, t) {
    var old = state.answers[d.question];
    state.answers[d.question] = {
      a: d.answer,
      ok: d.correct === true,
      n: (old ? old.n : 0) + 1,
      p: num(d.points),
      m: num(d.max),
      t: t || now(),
    };
    return state;
  }

  function rank(a) {
    return (a.ok ? 2 : 0) + (a.m ? Math.min(1, a.p / a.m) : 0);
  }
  function earlier(a, b) {
    return a && b ? Math.min(a, b) : a || b;
  }

  /* Better answer, earlier completion */
  function merge(a, b) {
    var out = validate(copy(a)) || fresh(),
      k,
      x,
      y;
    b = validate(b) || fresh();
    for (k in b.lessons) {
      x = out.lessons[k];
      y = b.lessons[k];
      out.lessons[k] = x
        ? { f: earlier(x.f, y.f), l: Math.max(x.l, y.l), d: earlier(x.d, y.d) }
        : y;
    }
    for (k in b.answers) {
      x = out.answers[k];
      y = b.answers[k];
      if (x) {
        var n = Math.max(x.n, y.n);
        y = copy(rank(x) !== rank(y) ? (rank(x) > rank(y) ? x : y) : y.t > x.t ? y : x);
        y.n = n;
      }
      out.answers[k] = y;
    }
    x = out.lessons[out.last];
    y = b.lessons[b.last];
    if (y && (!x || y.l > x.l)) out.last = b.last;
    return out;
  }

  function summary(state, outline) {
    var r = { marks: {}, done: 0, total: 0, earned: 0, max: 0, missing: [], finished: 0 };
    (outline.lessons || []).forEach(function (l) {
      var rec = state.lessons[l[0]];
      r.marks[l[0]] = rec ? (rec.d ? 'done' : 'visited') : '';
      r.total++;
      if (rec && rec.d) {
        r.done++;
        r.finished = Math.max(r.finished, rec.d);
      } else r.missing.push(l);
      (l[2] || []).forEach(function (q) {
        var a = state.answers[q[0]];
        r.max += q[1];
        if (a) r.earned += a.ok ? q[1] : a.m ? q[1] * Math.min(1, a.p / a.m) : 0;
      });
    });
    r.percent = r.total ? Math.floor((100 * r.done) / r.total) : 0;
    r.score = r.max ? Math.floor((100 * r.earned) / r.max) : 100;
    r.passed = r.earned * 100 >= (typeof outline.pass === 'number' ? outline.pass : 80) * r.max;
    r.complete = r.total > 0 && r.done === r.total && r.passed;
    return r;
  }

  function crc32(s) {
    var c,
      crc = -1,
      i,
      j;
    for (i = 0; i < s.length; i++) {
      c = (crc ^ s.charCodeAt(i)) & 255;
      for (j = 0; j < 8; j++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
      crc = (crc >>> 8) ^ c;
    }
    return ((crc ^ -1) >>> 0).toString(36);
  }

  /* Text code: compact JSON {s: site, t: export time, c: {course: [last, lessons, answers]}}, lessons grouped by
     days before export ("" not done), answers by attempts (negative: wrong); each group is its sorted ids, each
     written as one char (48 + length shared with the id before) and the rest, joined by spaces */
  function day(seconds) {
    return Math.floor(seconds / DAY);
  }
  function group(groups, name, id) {
    if (!groups[name]) groups[name] = [];
    groups[name].push(id);
  }
  function frontCode(groups) {
    for (var name in groups) {
      var previous = '';
      groups[name] = groups[name]
        .sort()
        .map(function (id) {
          var shared = 0;
          while (shared < 42 && id.charAt(shared) === previous.charAt(shared)) shared++;
          previous = id;
          return String.fromCharCode(48 + shared) + id.slice(shared);
        })
        .join(' ');
    }
    return groups;
  }
  function eachId(groups, fn) {
    for (var name in groups) {
      var previous = '';
      groups[name].split(' ').forEach(function (entry) {
        previous = previous.slice(0, entry.charCodeAt(0) - 48) + entry.slice(1);
        fn(previous, name);
      });
    }
  }
  function compact(data) {
    var out = { s: data.site, t: data.at, c: {} },
      id,
      k;
    for (id in data.courses) {
      var state = data.courses[id],
        lessons = {},
        answers = {};
      for (k in state.lessons)
        group(lessons, state.lessons[k].d ? day(data.at) - day(state.lessons[k].d) : '', k);
      for (k in state.answers)
        group(answers, (state.answers[k].ok ? 1 : -1) * state.answers[k].n, k);
      out.c[id] = [state.last, frontCode(lessons), frontCode(answers)];
    }
    return out;
  }
  /* Done at noon of its day, the last lesson visited at export time; answers without contents */
  function expand(code) {
    var courses = {},
      id;
    for (id in code.c) {
      var item = code.c[id],
        state = fresh();
      courses[id] = state;
      eachId(item[1], function (lesson, daysBefore) {
        var done = daysBefore === '' ? 0 : (day(code.t) - daysBefore) * DAY + DAY / 2;
        state.lessons[lesson] = { f: 0, l: lesson === item[0] ? code.t : done, d: done };
      });
      eachId(item[2], function (question, attempts) {
        state.answers[question] = { ok: attempts > 0, n: Math.abs(attempts) };
      });
      state.last = item[0];
    }
    return { khoa: 'progress', site: code.s, courses: courses };
  }

  function deflate(input, Stream) {
    return new Response(new Blob([input]).stream().pipeThrough(new Stream('deflate-raw')));
  }
  /* -> Promise of KHOA2Z.<base64url of deflate-raw JSON>.<crc32>, or KHOA2.<base64url JSON>.<crc32> without CompressionStream */
  function encode(data) {
    var json = JSON.stringify(compact(data)),
      tag = CODE;
    var packed = Promise.resolve(unescape(encodeURIComponent(json)));
    if (typeof CompressionStream === 'function') {
      tag += 'Z';
      packed = deflate(json, CompressionStream)
        .arrayBuffer()
        .then(function (buffer) {
          return String.fromCharCode.apply(null, new Uint8Array(buffer));
        });
    }
    return packed.then(function (binary) {
      var body = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      return tag + '.' + body + '.' + crc32(body);
    });
  }
  /* -> Promise of export data */
  function decode(text) {
    var p = String(text).replace(/\s+/g, '').split('.');
    if (p.length !== 3 || !/^KHOA2Z?$/.test(p[0]) || crc32(p[1]) !== p[2])
      return Promise.reject(new Error('code'));
    return Promise.resolve(atob(p[1].replace(/-/g, '+').replace(/_/g, '/')))
      .then(function (binary) {
        if (p[0] === CODE) return decodeURIComponent(escape(binary));
        return deflate(
          Uint8Array.from(binary, function (c) {
            return c.charCodeAt(0);
          }),
          DecompressionStream,
        ).text();
      })
      .then(JSON.parse)
      .then(expand);
  }

  function exportData(site, name, courses) {
    return {
      khoa: 'progress',
      v: VERSION,
      site: site,
      name: name || '',
      at: now(),
      courses: courses,
    };
  }
  /* -> Promise of {courses}; rejects with Error(code|format|site|empty) */
  function readImport(text, site) {
    text = String(text).trim();
    var read = text.charAt(0) === '{' ? Promise.resolve(text).then(JSON.parse) : decode(text);
    return read.then(
      function (data) {
        var courses = {},
          n = 0,
          c,
          s;
        if (!isObj(data) || data.khoa !== 'progress' || !isObj(data.courses))
          throw new Error('format');
        if (data.site !== site) throw new Error('site');
        for (c in data.courses) {
          s = okId(c) && validate(data.courses[c]);
          if (s) {
            courses[c] = s;
            n++;
          }
        }
        if (!n) throw new Error('empty');
        return { courses: courses };
      },
      function (e) {
        throw new Error(e.message === 'code' ? 'code' : 'format');
      },
    );
  }

  var KhoaStore = {
    VERSION: VERSION,
    MIGRATIONS: MIGRATIONS,
    key: key,
    fresh: fresh,
    migrate: migrate,
    validate: validate,
    parse: parse,
    visit: visit,
    done: done,
    answer: answer,
    merge: merge,
    summary: summary,
    crc32: crc32,
    compact: compact,
    expand: expand,
    encode: encode,
    decode: decode,
    exportData: exportData,
    readImport: readImport,
    NS: NS,
    isObj: isObj,
  };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = KhoaStore;
  } else {
    root.KhoaStore = KhoaStore;
  }
})(this);
