/* scorm-core.js — one job: the pure logic of khoa's SCORM runtime (no DOM, no LMS calls): finding an
   object on a window's ancestors or opener (bounded), the element names of each SCORM version, the
   lesson status and score from a progress summary, SCORM's time formats, and the progress as text that
   fits cmi.suspend_data (the richest form that fits: the whole state, without answers' contents, the
   compact code of store.js, then short tags of the lessons done and questions answered). */
(function (root) {
  'use strict';
  /* ADL's sample API finder climbs at most 7 parents */
  var MAX_DEPTH = 7;

  var NAMES = {
    1.2: {
      api: 'API',
      initialize: 'LMSInitialize',
      terminate: 'LMSFinish',
      get: 'LMSGetValue',
      set: 'LMSSetValue',
      commit: 'LMSCommit',
      error: 'LMSGetLastError',
      status: 'cmi.core.lesson_status',
      location: 'cmi.core.lesson_location',
      exit: 'cmi.core.exit',
      time: 'cmi.core.session_time',
      score: 'cmi.core.score.',
      limit: 4096,
    },
    2004: {
      api: 'API_1484_11',
      initialize: 'Initialize',
      terminate: 'Terminate',
      get: 'GetValue',
      set: 'SetValue',
      commit: 'Commit',
      error: 'GetLastError',
      status: 'cmi.completion_status',
      location: 'cmi.location',
      exit: 'cmi.exit',
      time: 'cmi.session_time',
      score: 'cmi.score.',
      limit: 64000,
    },
  };

  function names(version) {
    return NAMES[version === '2004' ? '2004' : '1.2'];
  }

  /* A property of a window, or null when the window is gone or of another origin */
  function read(win, name) {
    try {
      return win && win[name] ? win[name] : null;
    } catch (_e) {
      return null;
    }
  }
  function parentOf(win) {
    try {
      return win.parent && win.parent !== win ? win.parent : null;
    } catch (_e) {
      return null;
    }
  }
  /* `name` on `win` or one of its at most MAX_DEPTH ancestors */
  function climb(win, name) {
    for (var depth = 0; win && depth <= MAX_DEPTH; depth++) {
      var found = read(win, name);
      if (found) return found;
      win = parentOf(win);
    }
    return null;
  }
  /* As ADL's sample: the window and its parents, then the opener and its parents */
  function find(win, name) {
    return climb(win, name) || climb(read(win, 'opener'), name);
  }

  /* {completion, success}: completed once every lesson is done; for `complete: quiz`, once every
     question is answered, passed or failed as the course's score meets `pass` or not */
  function status(summary, outline, state) {
    var allDone = summary.total > 0 && summary.done === summary.total,
      out = { completion: allDone ? 'completed' : 'incomplete', success: 'unknown' };
    if (outline.complete === 'read' || !summary.max) return out;
    var answered = (outline.lessons || []).every(function (lesson) {
      return (lesson[2] || []).every(function (q) {
        return !!state.answers[q[0]];
      });
    });
    if (answered) out.success = summary.passed ? 'passed' : 'failed';
    return out;
  }
  function lessonStatus12(s) {
    return s.success === 'unknown' ? s.completion : s.success;
  }

  /* [[element, value]] to set after a change (suspend data apart) */
  function values(version, summary, outline, state) {
    var n = names(version),
      s = status(summary, outline, state),
      out = [];
    if (version === '2004') {
      out.push([n.status, s.completion], ['cmi.success_status', s.success]);
      out.push(['cmi.progress_measure', String(summary.total ? summary.done / summary.total : 0)]);
    } else out.push([n.status, lessonStatus12(s)]);
    if (summary.max) {
      out.push([n.score + 'raw', String(summary.score)], [n.score + 'min', '0']);
      out.push([n.score + 'max', '100']);
      if (version === '2004') out.push(['cmi.score.scaled', String(summary.score / 100)]);
    }
    if (state.last) out.push([n.location, state.last]);
    return out;
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = '0' + s;
    return s;
  }
  /* SCORM 1.2 CMITimespan HHHH:MM:SS.SS (hours capped at 9999) */
  function time12(seconds) {
    var cs = Math.max(0, Math.round(seconds * 100)),
      h = Math.floor(cs / 360000);
    if (h > 9999) return '9999:59:59.99';
    return (
      pad(h, 4) +
      ':' +
      pad(Math.floor(cs / 6000) % 60, 2) +
      ':' +
      pad(Math.floor(cs / 100) % 60, 2) +
      '.' +
      pad(cs % 100, 2)
    );
  }
  /* SCORM 2004 timeinterval (ISO 8601 duration), e.g. PT1H5M30S */
  function time2004(seconds) {
    var cs = Math.max(0, Math.round(seconds * 100)),
      h = Math.floor(cs / 360000),
      m = Math.floor(cs / 6000) % 60,
      s = (cs % 6000) / 100;
    return 'PT' + (h ? h + 'H' : '') + (m ? m + 'M' : '') + (s || (!h && !m) ? s + 'S' : '');
  }

  /* The state without the answers' contents (what restores a question's form) */
  function withoutContents(state) {
    var out = { v: state.v, lessons: state.lessons, answers: {}, last: state.last },
      k,
      j;
    for (k in state.answers) {
      out.answers[k] = {};
      for (j in state.answers[k]) if (j !== 'a') out.answers[k][j] = state.answers[k][j];
    }
    return out;
  }

  /* 30 bits of FNV-1a of an id as 5 base64url characters: stable across course edits, unlike a
     position; a collision (about 1 in 10,000 for 500 ids) only mixes up those two ids */
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  function tag(id) {
    var h = 0x811c9dc5,
      out = '';
    for (var i = 0; i < id.length; i++) {
      h ^= id.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    for (var j = 0; j < 5; j++) out += DIGITS.charAt((h >>> (6 * j)) & 63);
    return out;
  }
  function tags(ids) {
    return ids.map(tag).sort().join('');
  }
  /* The smallest form: the tags of lessons done, questions answered right and wrong; `lessons` and
     `answers` are the ids kept */
  function tagged(state, at, lessons, right, wrong) {
    return JSON.stringify({
      h: 1,
      t: at,
      l: state.last,
      d: tags(lessons),
      r: tags(right),
      w: tags(wrong),
    });
  }

  /* The progress of `course` as the richest text that fits `limit` characters. `Store`: store.js
     (compact); `at`: now in seconds. Forms: the whole state; without answers' contents; the compact
     code (ids, attempts, days); the tags of lessons done and questions answered; then what still does
     not fit is dropped, wrong answers first, then the ids sorting last. */
  function fitSuspend(Store, state, site, course, at, limit) {
    var text = JSON.stringify(state);
    if (text.length <= limit) return text;
    var lean = withoutContents(state);
    text = JSON.stringify(lean);
    if (text.length <= limit) return text;
    var courses = {};
    courses[course] = lean;
    text = JSON.stringify(Store.compact({ site: site, at: at, courses: courses }));
    if (text.length <= limit) return text;
    var keys = Object.keys,
      lessons = keys(lean.lessons)
        .filter(function (id) {
          return lean.lessons[id].d > 0;
        })
        .sort(),
      right = [],
      wrong = [];
    keys(lean.answers)
      .sort()
      .forEach(function (id) {
        (lean.answers[id].ok ? right : wrong).push(id);
      });
    text = tagged(lean, at, lessons, right, wrong);
    while (text.length > limit && (wrong.length || right.length || lessons.length)) {
      var from = wrong.length ? wrong : right.length ? right : lessons;
      from.splice(from.length - Math.max(1, Math.ceil((text.length - limit) / 5)));
      text = tagged(lean, at, lessons, right, wrong);
    }
    return text.length <= limit ? text : '';
  }

  /* The state a tagged form describes, its ids found in the outline */
  function untag(Store, data, outline) {
    var state = Store.fresh(),
      byTag = {};
    function split(text) {
      var out = {};
      for (var i = 0; i + 5 <= String(text).length; i += 5) out[text.substr(i, 5)] = 1;
      return out;
    }
    var done = split(data.d),
      right = split(data.r),
      wrong = split(data.w);
    (outline.lessons || []).forEach(function (lesson) {
      byTag[tag(lesson[0])] = 1;
      if (done[tag(lesson[0])]) state.lessons[lesson[0]] = { f: 0, l: data.t, d: data.t };
      (lesson[2] || []).forEach(function (q) {
        var t = tag(q[0]);
        if (right[t] || wrong[t]) state.answers[q[0]] = { ok: !!right[t], n: 1 };
      });
    });
    if (typeof data.l === 'string') state.last = data.l;
    return state;
  }

  /* The state of `course` saved by fitSuspend, or null; `outline` names the ids of the tagged form */
  function readSuspend(Store, text, course, outline) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (_e) {
      return null;
    }
    if (!Store.isObj(data)) return null;
    if (data.h === 1) data = untag(Store, data, outline || {});
    else if (Store.isObj(data.c)) {
      if (!data.c[course]) return null;
      data = Store.expand(data).courses[course];
    }
    return Store.validate(data);
  }

  var Core = {
    MAX_DEPTH: MAX_DEPTH,
    names: names,
    find: find,
    status: status,
    values: values,
    time12: time12,
    time2004: time2004,
    fitSuspend: fitSuspend,
    readSuspend: readSuspend,
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = Core;
  else root.KhoaScormCore = Core;
})(this);
