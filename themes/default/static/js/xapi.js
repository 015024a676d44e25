/* xapi.js — one job: send learning records to the Learning Record Store named in khoa.yaml (`xapi:`);
   the browser side of xapi-core.js. Shipped (in _khoa/js/khoa-xapi.js) only when a site configures it.
   Reads window.KhoaXapiConfig {endpoint (ends in /), user, password, actor, home}, #_khoa-data {site, page,
   course, lesson, lang}, body[data-root], KhoaCourses (_khoa/data/<course>.js), the progress store (KhoaStore,
   read only), and each `.quiz[data-question]` (data-type, script.quiz-data, .quiz-stem, the data-index'ed
   .quiz-option label, .quiz-item-text, .quiz-left, and the options of .quiz-select and select.quiz-gap).
   Listens to `khoa:answer` and clicks on `.khoa-done` (progress.js has saved them by then), pagehide,
   visibilitychange and online. Keys khoa:xapi:v1:<site>:queue (xapi-core.js) and
   khoa:xapi:v1:<site>:<profile> {anon: random id, c: {course: {c: completed sent, r: passed|failed sent}}}.
   Never blocks or slows learning: records are queued first, sent later in the background, and a failing
   LRS only moves the next try further away. Sends only the headers an LRS allows across origins. */
(function () {
  'use strict';
  var Core = window.KhoaXapiCore,
    conf = window.KhoaXapiConfig,
    Store = window.KhoaStore,
    NS = 'khoa:xapi:v1:',
    memory = {},
    data,
    ns,
    home,
    store,
    profile,
    actor,
    course,
    lesson,
    started,
    sending = false,
    single = false,
    timer = null;

  /* Storage read fresh each time (another tab may have queued too); memory only if storage fails */
  function read(k) {
    var text = null;
    try {
      text = window.localStorage.getItem(k);
    } catch (_e) {
      /* below */
    }
    if (text === null && k in memory) text = memory[k];
    try {
      return JSON.parse(text);
    } catch (_e) {
      return null;
    }
  }
  function write(k, value) {
    var text = JSON.stringify(value);
    try {
      window.localStorage.setItem(k, text);
      delete memory[k];
    } catch (_e) {
      memory[k] = text;
    }
  }

  function bytes() {
    var b = new Uint8Array(16),
      i;
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(b);
    else for (i = 0; i < 16; i++) b[i] = Math.random() * 256;
    return b;
  }

  /* --- sending --- */

  function post(items, done) {
    var x = new XMLHttpRequest();
    try {
      x.open('POST', conf.endpoint + 'statements');
      x.timeout = 20000;
      x.setRequestHeader('Content-Type', 'application/json');
      x.setRequestHeader('X-Experience-API-Version', '1.0.3');
      if (conf.user)
        x.setRequestHeader(
          'Authorization',
          'Basic ' + window.btoa(unescape(encodeURIComponent(conf.user + ':' + conf.password))),
        );
      x.onloadend = function () {
        done(x.status);
      };
      x.send(JSON.stringify(items));
    } catch (_e) {
      done(0);
    }
  }

  function schedule(queue) {
    clearTimeout(timer);
    if (queue.q.length && queue.at) timer = setTimeout(flush, Math.max(0, queue.at - Date.now()));
  }

  function flush() {
    if (sending || navigator.onLine === false) return;
    var queue = Core.readQueue(read(ns + 'queue')),
      items = Core.batch(queue, Date.now(), single);
    if (!items.length) return schedule(queue);
    var ids = items.map(function (s) {
      return s.id;
    });
    sending = true;
    post(items, function (status) {
      var result = Core.outcome(status, items.length),
        after = Core.readQueue(read(ns + 'queue'));
      sending = false;
      if (result === 'split') single = true;
      Core.settle(after, ids, result, Date.now(), Math.random());
      write(ns + 'queue', after);
      if (!after.q.length) single = false;
      if (result === 'retry') schedule(after);
      else if (after.q.length) flush();
    });
  }

  function record(verb, object, result, parent) {
    var queue = Core.readQueue(read(ns + 'queue'));
    Core.enqueue(queue, [
      Core.statement({
        id: Core.uuid(bytes()),
        actor: actor,
        verb: verb,
        object: object,
        result: result,
        parent: parent,
        course: course,
        lang: data.lang,
        time: Date.now(),
      }),
    ]);
    write(ns + 'queue', queue);
    flush();
  }

  /* --- what the learner does --- */

  function texts(box, selector, sorted) {
    var nodes = [].slice.call(box.querySelectorAll(selector));
    if (sorted)
      nodes.sort(function (a, b) {
        return Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'));
      });
    return nodes.map(function (n) {
      return (sorted ? n.querySelector(sorted) : n).textContent.trim();
    });
  }
  function choices(select) {
    return select ? texts(select, 'option').slice(1) : [];
  }

  function question(id) {
    var box = [].filter.call(document.querySelectorAll('.quiz[data-question]'), function (q) {
      return q.getAttribute('data-question') === id;
    })[0];
    if (!box) return null;
    var stem = box.querySelector('.quiz-stem');
    var q = {
      id: id,
      type: box.getAttribute('data-type'),
      key: JSON.parse(box.querySelector('script.quiz-data').textContent),
      stem: stem ? stem.textContent.trim() : '',
      choices: texts(box, '.quiz-option', 'label')
        .concat(texts(box, '.quiz-item', '.quiz-item-text'))
        .concat(texts(box, '.quiz-pair', '.quiz-left')),
      targets: choices(box.querySelector('.quiz-select')),
      gaps: [].map.call(box.querySelectorAll('.quiz-gap'), function (g) {
        return g.tagName === 'SELECT' ? choices(g) : [];
      }),
    };
    q.activity = Core.activity(
      lesson.id + '#_khoa-q-' + encodeURIComponent(id),
      'cmi.interaction',
      q.stem.slice(0, 120),
      data.lang,
      Core.interaction(q, data.lang),
    );
    return q;
  }

  function answered(event) {
    var detail = event.detail;
    if (!detail || typeof detail.question !== 'string') return;
    try {
      var q = question(detail.question);
      if (q) record('answered', q.activity, Core.answered(q, detail), lesson);
    } catch (_e) {
      /* an unreadable question is not recorded */
    }
    courseCheck();
  }

  /* completed / passed / failed, each once per profile, read from the progress store */
  function courseCheck() {
    var outline = (window.KhoaCourses || {})[data.course];
    if (!outline || !course) return;
    var state = store.load(profile.id, data.course),
      summary = Store.summary(state, outline),
      questions = [],
      who = read(ns + profile.id) || {};
    outline.lessons.forEach(function (l) {
      (l[2] || []).forEach(function (q) {
        questions.push(q[0]);
      });
    });
    var all = questions.every(function (q) {
      return state.answers[q];
    });
    who.c = who.c || {};
    var sent = who.c[data.course] || {};
    Core.courseVerbs(summary, all, questions.length > 0, sent).forEach(function (verb) {
      record(verb, course, Core.courseResult(verb, summary));
      if (verb === 'completed') sent.c = 1;
      else sent.r = verb;
    });
    who.c[data.course] = sent;
    write(ns + profile.id, who);
  }

  function left() {
    if (!started) return;
    record('experienced', lesson, { duration: Core.duration(Date.now() - started) }, course);
    started = 0;
  }

  /* --- start --- */

  function who() {
    var rec = read(ns + profile.id) || {};
    if (typeof rec.anon !== 'string') {
      rec.anon = Core.uuid(bytes());
      write(ns + profile.id, rec);
    }
    return Core.agent(conf.actor, home, { name: profile.name || profile.id, anon: rec.anon });
  }

  function activities() {
    var outline = (window.KhoaCourses || {})[data.course],
      title = document.querySelector('main h1');
    if (!outline) return;
    course = Core.activity(home + outline.url, 'course', outline.title, data.lang);
    outline.lessons.forEach(function (l) {
      if (l[0] === data.lesson)
        lesson = Core.activity(home + l[1], 'lesson', title && title.textContent.trim(), data.lang);
    });
  }

  function init() {
    try {
      data = JSON.parse(document.getElementById('_khoa-data').textContent);
    } catch (_e) {
      return;
    }
    if (!Core || !conf || !Store || !data || !data.site) return;
    ns = NS + data.site + ':';
    home = conf.home || new URL(document.body.getAttribute('data-root') || '', location.href).href;
    store = Store.open(
      Store.guard(function () {
        return window.localStorage;
      }),
      data.site,
    );
    profile = store.current() || { id: 'default', name: '' };
    actor = who();
    activities();
    if (data.page === 'lesson' && lesson) {
      started = Date.now();
      record('initialized', lesson, null, course);
      document.addEventListener('khoa:answer', answered);
      document.addEventListener('click', function (event) {
        if (event.target.closest && event.target.closest('.khoa-done')) courseCheck();
      });
      window.addEventListener('pagehide', left);
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState === 'hidden') left();
        else if (!started) started = Date.now();
      });
    }
    courseCheck();
    window.addEventListener('online', function () {
      var queue = Core.readQueue(read(ns + 'queue'));
      queue.at = 0;
      write(ns + 'queue', queue);
      flush();
    });
    flush();
  }

  document.addEventListener('DOMContentLoaded', init);
})();
