/* store-storage.js — one job: keep progress in the browser's storage without ever losing it: a guarded
   storage that never throws (writes kept in memory too), the learner profiles, and per-course states whose
   corrupt values are moved aside to <key>:corrupt:<ms> before anything overwrites them. Adds guard() and
   open() to KhoaStore (store.js, loaded first; in Node, required). */
(function (root) {
  'use strict';
  var Store =
    typeof module !== 'undefined' && module.exports ? require('./store.js') : root.KhoaStore;
  var NS = Store.NS,
    VERSION = Store.VERSION,
    isObj = Store.isObj,
    key = Store.key,
    parse = Store.parse;

  /* Never throws; writes also kept in memory; ok=false + onfail() on first failure */
  function guard(get) {
    var s = null,
      mem = {},
      g = { ok: true, onfail: null };
    try {
      s = get();
      s.setItem(NS + 'probe', '1');
      s.removeItem(NS + 'probe');
    } catch (_e) {
      s = null;
      g.ok = false;
    }
    function run(fn, fallback) {
      try {
        return s ? fn() : fallback;
      } catch (_e) {
        if (g.ok) {
          g.ok = false;
          if (g.onfail) g.onfail();
        }
        return fallback;
      }
    }
    g.get = function (k) {
      return Object.prototype.hasOwnProperty.call(mem, k)
        ? mem[k]
        : run(function () {
            return s.getItem(k);
          }, null);
    };
    g.set = function (k, v) {
      mem[k] = v;
      return run(function () {
        s.setItem(k, v);
        return true;
      }, false);
    };
    g.remove = function (k) {
      mem[k] = null;
      run(function () {
        s.removeItem(k);
      });
    };
    g.keys = function (prefix) {
      var out = {},
        k;
      run(function () {
        for (var i = 0; i < s.length; i++) out[s.key(i)] = 1;
      });
      for (k in mem) out[k] = mem[k] !== null;
      return Object.keys(out).filter(function (k) {
        return out[k] && k.indexOf(prefix) === 0;
      });
    };
    return g;
  }

  function validProfiles(p) {
    var list = (isObj(p) && Array.isArray(p.list) ? p.list : [])
      .filter(function (x) {
        return isObj(x) && /^[a-z0-9]{1,20}$/.test(x.id) && typeof x.name === 'string';
      })
      .map(function (x) {
        var out = { id: x.id, name: x.name.slice(0, 60) };
        if (typeof x.full === 'string' && x.full)
          out.full = x.full.slice(0, 60); /* name on the certificate */
        return out;
      });
    if (!list.length) list = [{ id: 'default', name: '' }];
    var cur = list.some(function (x) {
      return x.id === p.cur;
    })
      ? p.cur
      : list[0].id;
    return { v: VERSION, list: list, cur: cur };
  }

  function open(g, site) {
    var held = {},
      pkey = NS + site + ':profiles',
      st = { storage: g };
    st.profiles = function () {
      return validProfiles(safe(g.get(pkey)));
    };
    st.setProfiles = function (p) {
      return g.set(pkey, JSON.stringify(validProfiles(p)));
    };
    /* The profile in use */
    st.current = function () {
      var p = st.profiles();
      return p.list.filter(function (x) {
        return x.id === p.cur;
      })[0];
    };
    /* edit(profiles) changes the list in place; the result is validated and saved */
    st.editProfiles = function (edit) {
      var p = st.profiles();
      edit(p);
      return st.setProfiles(p);
    };
    st.load = function (profile, course) {
      var k = key(site, profile, course),
        text = g.get(k),
        r = parse(text);
      if (r.corrupt) {
        var kept = g.keys(k + ':corrupt:').some(function (c) {
          return g.get(c) === text;
        });
        if (kept || g.set(k + ':corrupt:' + Date.now(), text)) g.remove(k);
        else held[k] = 1; /* not backed up: never overwrite */
      }
      return r.state;
    };
    st.save = function (profile, course, state) {
      var k = key(site, profile, course);
      return !held[k] && g.set(k, JSON.stringify(state));
    };
    st.reset = function (profile, course) {
      g.remove(key(site, profile, course));
    };
    st.courses = function (profile) {
      var prefix = key(site, profile, ''),
        out = {};
      g.keys(prefix).forEach(function (k) {
        var c = k.slice(prefix.length);
        if (c.indexOf(':') < 0) out[c] = st.load(profile, c);
      });
      return out;
    };
    st.dropProfile = function (profile) {
      g.keys(key(site, profile, '')).forEach(g.remove);
    };
    return st;
  }
  function safe(text) {
    try {
      return JSON.parse(text) || {};
    } catch (_e) {
      return {};
    }
  }

  Store.guard = guard;
  Store.open = open;
  if (typeof module !== 'undefined' && module.exports) module.exports = Store;
})(this);
