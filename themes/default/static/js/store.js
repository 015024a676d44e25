/* store.js — one job: the learner's progress as data, with no DOM. Reads and writes only through an
   injected storage object (localStorage in the browser, a Map-backed fake in tests), every access
   guarded. Keys: khoa:v1:<site_id>:<profile>:<course_id> (one JSON value per course and profile),
   khoa:v1:<site_id>:profiles (the profile list). Corrupt values move aside to <key>:corrupt:<time>.
   State v1: {v:1, lessons:{id:{f:first,l:last,d:done}}, answers:{qid:{a,ok,n,p,m,t}}, last:lessonId}
   (times in seconds; a = last answer, n = attempts, p/m = points/max). Outline (from _khoa/data):
   {complete:"quiz"|"read", pass:80, lessons:[[id, url, [[qid, points], ...]], ...]}. */
(function (root) {
  "use strict";
  var VERSION = 1;
  var NS = "khoa:v1:";
  var CODE = "KHOA1";
  /* Migrations from version n to n + 1; add `1: function (s) { ...; s.v = 2; return s; }` with v2. */
  var MIGRATIONS = {};

  function key(site, profile, course) { return NS + site + ":" + profile + ":" + course; }
  function fresh() { return { v: VERSION, lessons: {}, answers: {}, last: "" }; }
  function now() { return Math.floor(Date.now() / 1000); }
  function isObj(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  function num(x) { return typeof x === "number" && isFinite(x) && x >= 0 ? x : 0; }
  function okId(k) { return typeof k === "string" && k.length > 0 && k.length <= 200; }

  /* Upgrades an older state to `target` with `table`; null when no path exists. */
  function migrate(data, table, target) {
    table = table || MIGRATIONS;
    target = target || VERSION;
    while (isObj(data) && data.v < target) {
      if (!table[data.v]) return null;
      data = table[data.v](data);
    }
    return isObj(data) && data.v === target ? data : null;
  }

  /* A clean copy of `data` with only well-formed entries, or null if it is not a state at all. */
  function validate(data) {
    if (!isObj(data) || typeof data.v !== "number" || Math.floor(data.v) !== data.v || data.v < 1) return null;
    data = migrate(data);
    if (!data || !isObj(data.lessons) || !isObj(data.answers)) return null;
    var out = fresh(), k, x;
    for (k in data.lessons) {
      x = data.lessons[k];
      if (okId(k) && isObj(x)) out.lessons[k] = { f: num(x.f), l: num(x.l), d: num(x.d) };
    }
    for (k in data.answers) {
      x = data.answers[k];
      if (!okId(k) || !isObj(x)) continue;
      var a = { ok: x.ok === true, n: Math.floor(num(x.n)), p: num(x.p), m: num(x.m), t: num(x.t) };
      var json = x.a === undefined ? "" : JSON.stringify(x.a);
      if (json && json.length <= 4096) a.a = JSON.parse(json);
      out.answers[k] = a;
    }
    if (okId(data.last)) out.last = data.last;
    return out;
  }

  /* Parses a stored value: {state, corrupt} where corrupt means the text must be moved aside. */
  function parse(text) {
    if (text === null || text === undefined) return { state: fresh(), corrupt: false };
    var data = null;
    try { data = JSON.parse(text); } catch (e) { data = null; }
    var state = validate(data);
    return state ? { state: state, corrupt: false } : { state: fresh(), corrupt: true };
  }

  function visit(state, lesson, t) {
    var l = state.lessons[lesson] || (state.lessons[lesson] = { f: t || now(), l: 0, d: 0 });
    l.l = t || now();
    state.last = lesson;
    return state;
  }

  function done(state, lesson, t) {
    var l = state.lessons[lesson] || (state.lessons[lesson] = { f: t || now(), l: t || now(), d: 0 });
    if (!l.d) l.d = t || now();
    return state;
  }

  /* Records one `khoa:answer` event detail. */
  function answer(state, d, t) {
    var old = state.answers[d.question];
    state.answers[d.question] = {
      a: d.answer, ok: d.correct === true, n: (old ? old.n : 0) + 1, p: num(d.points), m: num(d.max), t: t || now()
    };
    return state;
  }

  function rank(a) { return (a.ok ? 2 : 0) + (a.m ? Math.min(1, a.p / a.m) : 0); }
  function better(a, b) {
    var ra = rank(a), rb = rank(b);
    var best = ra !== rb ? (ra > rb ? a : b) : (b.t > a.t ? b : a);
    var out = JSON.parse(JSON.stringify(best));
    out.n = Math.max(a.n, b.n);
    return out;
  }
  function minSet(a, b) { return a && b ? Math.min(a, b) : a || b; }

  /* Merges two states: the better result per question, the earlier completion, the union of visits. */
  function merge(a, b) {
    var out = validate(JSON.parse(JSON.stringify(a))) || fresh(), k;
    b = validate(b) || fresh();
    for (k in b.lessons) {
      var x = out.lessons[k], y = b.lessons[k];
      out.lessons[k] = x ? { f: minSet(x.f, y.f), l: Math.max(x.l, y.l), d: minSet(x.d, y.d) } : y;
    }
    for (k in b.answers) out.answers[k] = out.answers[k] ? better(out.answers[k], b.answers[k]) : b.answers[k];
    var la = out.lessons[out.last], lb = b.lessons[b.last];
    if (lb && (!la || lb.l > la.l)) out.last = b.last;
    return out;
  }

  /* Where a learner stands in a course: per-lesson marks, counts, score and the completion rule. */
  function summary(state, outline) {
    var res = { marks: {}, done: 0, total: 0, earned: 0, max: 0, missing: [], finished: 0, answered: 0 };
    (outline.lessons || []).forEach(function (l) {
      var rec = state.lessons[l[0]];
      res.marks[l[0]] = rec ? (rec.d ? "done" : "visited") : "";
      res.total++;
      if (rec && rec.d) { res.done++; res.finished = Math.max(res.finished, rec.d); } else res.missing.push(l);
      (l[2] || []).forEach(function (q) {
        var a = state.answers[q[0]];
        res.max += q[1];
        if (a) res.answered++;
        if (a) res.earned += a.ok ? q[1] : a.m ? q[1] * Math.min(1, a.p / a.m) : 0;
      });
    });
    res.percent = res.total ? Math.floor((100 * res.done) / res.total) : 0;
    res.score = res.max ? Math.floor((100 * res.earned) / res.max) : 100;
    var pass = typeof outline.pass === "number" ? outline.pass : 80;
    res.passed = res.earned * 100 >= pass * res.max;
    res.complete = res.total > 0 && res.done === res.total && res.passed;
    return res;
  }

  function crc32(s) {
    var c, crc = -1, i, j;
    for (i = 0; i < s.length; i++) {
      c = (crc ^ s.charCodeAt(i)) & 255;
      for (j = 0; j < 8; j++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
      crc = (crc >>> 8) ^ c;
    }
    return ((crc ^ -1) >>> 0).toString(36);
  }

  /* The text code of an export: KHOA1.<base64url of UTF-8 JSON>.<crc32 base 36>. */
  function encode(data) {
    var bytes = new TextEncoder().encode(JSON.stringify(data)), bin = "", i;
    for (i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    var body = btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    return CODE + "." + body + "." + crc32(body);
  }

  /* Decodes a text code (spaces and line breaks from chat apps ignored); throws Error("code"). */
  function decode(text) {
    var parts = String(text).replace(/\s+/g, "").split(".");
    if (parts.length !== 3 || parts[0] !== CODE || crc32(parts[1]) !== parts[2]) throw new Error("code");
    var bin = atob(parts[1].replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  }

  function exportData(site, name, courses) {
    return { khoa: "progress", v: VERSION, site: site, name: name || "", at: now(), courses: courses };
  }

  /* Reads an export (JSON file text or text code) for `site`: {courses} of valid states.
     Throws Error("code" | "format" | "site" | "empty"). */
  function readImport(text, site) {
    text = String(text).trim();
    var data;
    if (text.charAt(0) === "{") {
      try { data = JSON.parse(text); } catch (e) { throw new Error("format"); }
    } else data = decode(text);
    if (!isObj(data) || data.khoa !== "progress" || !isObj(data.courses)) throw new Error("format");
    if (data.site !== site) throw new Error("site");
    var courses = {}, n = 0;
    for (var c in data.courses) {
      var s = okId(c) && validate(data.courses[c]);
      if (s) { courses[c] = s; n++; }
    }
    if (!n) throw new Error("empty");
    return { courses: courses, name: typeof data.name === "string" ? data.name.slice(0, 60) : "" };
  }

  /* Storage that never throws: `get` returns a Storage (may throw); values written in this session
     are also kept in memory, so the site keeps working when writes fail. `ok` turns false on failure. */
  function guard(get) {
    var s = null, mem = {}, g = { ok: true, onfail: null };
    try {
      s = get();
      s.setItem(NS + "probe", "1");
      s.removeItem(NS + "probe");
    } catch (e) { s = null; g.ok = false; }
    function fail() { if (g.ok) { g.ok = false; if (g.onfail) g.onfail(); } }
    g.get = function (k) {
      if (Object.prototype.hasOwnProperty.call(mem, k)) return mem[k];
      try { return s ? s.getItem(k) : null; } catch (e) { fail(); return null; }
    };
    g.set = function (k, v) {
      mem[k] = v;
      try { if (!s) return false; s.setItem(k, v); return true; } catch (e) { fail(); return false; }
    };
    g.remove = function (k) {
      mem[k] = null;
      try { if (s) s.removeItem(k); } catch (e) { fail(); }
    };
    g.keys = function (prefix) {
      var out = {}, k, i;
      try { for (i = 0; s && i < s.length; i++) { k = s.key(i); if (k && k.indexOf(prefix) === 0) out[k] = 1; } } catch (e) { fail(); }
      for (k in mem) { if (k.indexOf(prefix) === 0) { if (mem[k] === null) delete out[k]; else out[k] = 1; } }
      return Object.keys(out);
    };
    return g;
  }

  function validProfiles(p) {
    var list = isObj(p) && Array.isArray(p.list) ? p.list.filter(function (x) {
      return isObj(x) && /^[a-z0-9]{1,20}$/.test(x.id) && typeof x.name === "string";
    }) : [];
    if (!list.length) list = [{ id: "default", name: "" }];
    var cur = list.some(function (x) { return p && x.id === p.cur; }) ? p.cur : list[0].id;
    return { v: VERSION, list: list.map(function (x) { return { id: x.id, name: x.name.slice(0, 60) }; }), cur: cur };
  }

  /* The progress store of one site over guarded storage `g` (from `guard`). */
  function open(g, site) {
    var held = {};
    var pkey = NS + site + ":profiles";
    var st = { storage: g };
    st.profiles = function () {
      var p = null;
      try { p = JSON.parse(g.get(pkey)); } catch (e) { p = null; }
      return validProfiles(p);
    };
    st.setProfiles = function (p) { return g.set(pkey, JSON.stringify(validProfiles(p))); };
    st.load = function (profile, course) {
      var k = key(site, profile, course), text = g.get(k), r = parse(text);
      if (r.corrupt) {
        var copies = g.keys(k + ":corrupt:").filter(function (c) { return g.get(c) === text; });
        if (copies.length || g.set(k + ":corrupt:" + Date.now(), text)) g.remove(k);
        else held[k] = true;
      }
      return r.state;
    };
    st.save = function (profile, course, state) {
      var k = key(site, profile, course);
      return held[k] ? false : g.set(k, JSON.stringify(state));
    };
    st.reset = function (profile, course) { g.remove(key(site, profile, course)); };
    /* Every stored course of a profile: {course_id: state}. */
    st.courses = function (profile) {
      var prefix = key(site, profile, ""), out = {};
      g.keys(prefix).forEach(function (k) {
        var c = k.slice(prefix.length);
        if (c.indexOf(":") < 0) out[c] = st.load(profile, c);
      });
      return out;
    };
    st.dropProfile = function (profile) {
      g.keys(key(site, profile, "")).forEach(function (k) { g.remove(k); });
    };
    return st;
  }

  var KhoaStore = {
    VERSION: VERSION, MIGRATIONS: MIGRATIONS, key: key, fresh: fresh, migrate: migrate, validate: validate,
    parse: parse, visit: visit, done: done, answer: answer, merge: merge, summary: summary, crc32: crc32,
    encode: encode, decode: decode, exportData: exportData, readImport: readImport, guard: guard, open: open
  };
  if (typeof module !== "undefined" && module.exports) { module.exports = KhoaStore; } else { root.KhoaStore = KhoaStore; }
})(this);
