/* scorm-core.js — one job: the pure logic of khoa's SCORM runtime (no DOM, no LMS calls): finding an
   object on a window's ancestors or opener (bounded), the element names of each SCORM version, the
   lesson status and score from a progress summary, SCORM's time formats, and the progress as text that
   fits cmi.suspend_data (richest form that fits: the whole state, then without answers' contents, then
   the compact code of store.js, then only lessons done and questions answered right). */
(function (root) {
  'use strict';
  /* ADL's sample API finder climbs at most 7 parents */
  var MAX_DEPTH = 7;

  var NAMES = {
    '1.2': {
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

  /* {completion, success}: completion by every lesson done; success only for `complete: quiz`,
     passed once the course is complete, failed once every question is answered below `pass` */
  function status(summary, outline, state) {
    var allDone = summary.total > 0 && summary.done === summary.total,
      out = { completion: allDone ? 'completed' : 'incomplete', success: 'unknown' };
    if (outline.complete === 'read' || !summary.max) return out;
    var answered = (outline.lessons || []).every(function (lesson) {
      return (lesson[2] || []).every(function (q) {
        return !!state.answers[q[0]];
      });
    });
    if (allDone && summary.passed) out.success = 'passed';
    else if (answered && !summary.passed) out.success = 'failed';
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

  function clean(state, keep) {
    var out = { v: state.v, lessons: {}, answers: {}, last: state.last },
      k;
    for (k in state.lessons) if (keep.lesson(state.lessons[k])) out.lessons[k] = state.lessons[k];
    for (k in state.answers)
      if (keep.answer(state.answers[k])) out.answers[k] = keep.strip(state.answers[k]);
    return out;
  }
  function withoutContents(answer) {
    var out = {},
      k;
    for (k in answer) if (k !== 'a') out[k] = answer[k];
    return out;
  }
  function all() {
    return true;
  }
  function same(x) {
    return x;
  }
  /* The progress of `course` as the richest text that fits `limit` characters. `Store`: store.js
     (compact); `at`: now in seconds. What still does not fit is dropped, wrong answers and unfinished
     lessons first, then the ids sorting last. */
  function fitSuspend(Store, state, site, course, at, limit) {
    function code(s) {
      var courses = {};
      courses[course] = s;
      return JSON.stringify(Store.compact({ site: site, at: at, courses: courses }));
    }
    var text = JSON.stringify(state);
    if (text.length <= limit) return text;
    var lean = clean(state, { lesson: all, answer: all, strip: withoutContents });
    text = JSON.stringify(lean);
    if (text.length <= limit) return text;
    text = code(lean);
    if (text.length <= limit) return text;
    var kept = clean(lean, {
      lesson: function (l) {
        return l.d > 0;
      },
      answer: function (a) {
        return a.ok;
      },
      strip: same,
    });
    var lessons = Object.keys(kept.lessons).sort(),
      answers = Object.keys(kept.answers).sort();
    text = code(kept);
    while (text.length > limit && (answers.length || lessons.length)) {
      var from = answers.length ? answers : lessons,
        bag = answers.length ? kept.answers : kept.lessons,
        drop = Math.max(1, Math.ceil((from.length * (text.length - limit)) / text.length));
      from.splice(from.length - drop, drop).forEach(function (id) {
        delete bag[id];
      });
      text = code(kept);
    }
    return text.length <= limit ? text : '';
  }

  /* The state of `course` saved by fitSuspend, or null */
  function readSuspend(Store, text, course) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (_e) {
      return null;
    }
    if (!Store.isObj(data)) return null;
    if (Store.isObj(data.c)) {
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
