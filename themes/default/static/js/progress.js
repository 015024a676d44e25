/* progress.js — one job: record and show progress (DOM side of store.js); learner-tools.js adds the learner's
   tools (profiles, export/import, reset). Reads #_khoa-data, KhoaStrings[lang], body[data-root], KhoaCourses (_khoa/data/<course>.js),
   .course-card[data-course-id], .course-actions a.start-link, section.module li.lesson-item[data-lesson-id],
   .course-requires li[data-course-id], .course-next,
   nav.pager, completion.html #_khoa-completion* and #_khoa-certificate-* ids. Listens to `khoa:answer`; calls KhoaQuiz.restore. */
(function () {
  'use strict';
  var Store = window.KhoaStore,
    Dom = window.KhoaDom,
    $ = Dom.$,
    all = Dom.all,
    el = Dom.el,
    button = Dom.button,
    format = Dom.format,
    data,
    ui,
    root,
    store,
    profileId,
    courseId;

  function outline(id) {
    return (window.KhoaCourses || {})[id];
  }
  function insertBefore(node, next) {
    next.parentNode.insertBefore(node, next);
  }
  /* A progress bar fills the `.khoa-slot` the template reserved before `next` (no layout shift) */
  function placeBar(bar, next) {
    var slot = next.previousElementSibling;
    if (slot && slot.className === 'khoa-slot') slot.appendChild(bar);
    else insertBefore(bar, next);
  }
  function lessonId(node) {
    return node.getAttribute('data-lesson-id');
  }

  /* Without storage, changing learner (a reload) would lose what is only in memory */
  function notice() {
    var main = $('main');
    all('.khoa-profiles').forEach(function (node) {
      node.parentNode.removeChild(node);
    });
    if ($('.khoa-notice') || !main) return;
    var note = el('p', 'khoa-notice', ui.storage_off);
    note.setAttribute('role', 'status');
    main.insertBefore(note, main.firstChild);
  }

  /* `words`: UI strings (a course card speaks its course's language) */
  function progressBar(summary, words) {
    words = words || ui;
    var box = el('div', 'khoa-bar khoa-gen'),
      meter = el('progress');
    meter.max = 100;
    meter.value = summary.percent;
    meter.setAttribute('aria-label', words.progress);
    box.appendChild(meter);
    box.appendChild(el('span', '', format(words.progress_count, summary)));
    return box;
  }

  /* The start link goes on to the last lesson visited; its own text and href are kept */
  function continueLink(link, course, state, words) {
    words = words || ui;
    if (!link) return;
    var label = link.firstChild;
    if (!link.hasAttribute('data-start')) {
      link.setAttribute('data-start', link.getAttribute('href'));
      link.setAttribute('data-start-text', label.nodeValue);
    }
    var last = course.lessons.filter(function (lesson) {
      return lesson[0] === state.last;
    })[0];
    link.setAttribute('href', last ? root + last[1] : link.getAttribute('data-start'));
    label.nodeValue = last ? words.continue : link.getAttribute('data-start-text');
  }

  function lessonPage() {
    var id = data.lesson,
      questions = data.questions || [],
      byQuiz = data.complete !== 'read';
    var state = store.load(profileId, courseId),
      box = el('section', 'khoa-lesson-state');
    var course = {
      pass: 0,
      lessons: [
        [
          id,
          '',
          questions.map(function (q) {
            return [q.id, q.points];
          }),
        ],
      ],
    };
    store.save(profileId, courseId, Store.visit(state, id));
    box.setAttribute('aria-live', 'polite');
    if ($('nav.pager')) insertBefore(box, $('nav.pager'));
    else $('main').appendChild(box);

    function render(focus) {
      var summary = Store.summary(state, course),
        done = summary.marks[id] === 'done';
      var line = el(
        'p',
        '',
        ui.lesson_state + ': ' + (done ? '✓ ' + ui.status_done : ui.status_visited),
      );
      box.textContent = '';
      box.appendChild(line);
      if (!done && (!byQuiz || !questions.length)) {
        box.appendChild(
          button(
            ui.mark_done,
            function () {
              state = Store.done(store.load(profileId, courseId), id);
              store.save(profileId, courseId, state);
              render(true);
            },
            'khoa-done',
          ),
        );
      }
      if (focus) {
        line.tabIndex = -1;
        line.focus();
      }
    }

    questions.forEach(function (q) {
      var saved = state.answers[q.id];
      try {
        if (saved && 'a' in saved) window.KhoaQuiz.restore(q.id, saved.a);
      } catch (_e) {
        /* the form stays blank */
      }
    });
    document.addEventListener('khoa:answer', function (event) {
      var detail = event.detail;
      if (!detail || typeof detail.question !== 'string') return;
      state = Store.answer(store.load(profileId, courseId), detail);
      var allRight = questions.every(function (q) {
        return (state.answers[q.id] || {}).ok;
      });
      if (byQuiz && questions.length && allRight) Store.done(state, id);
      store.save(profileId, courseId, state);
      render();
    });
    render();
  }

  function coursePage() {
    var course = outline(courseId),
      actions = $('.course-actions');
    if (!course) return;
    var state = store.load(profileId, courseId),
      summary = Store.summary(state, course);
    all('li.lesson-item').forEach(function (item) {
      var mark = summary.marks[lessonId(item)] || 'new';
      var icon = el(
        'span',
        'khoa-mark khoa-gen khoa-' + mark,
        mark === 'done' ? '✓' : mark === 'new' ? '○' : '◐',
      );
      icon.setAttribute('aria-hidden', 'true');
      item.insertBefore(icon, item.firstChild);
      item.appendChild(el('span', 'khoa-sr khoa-gen', ' (' + ui['status_' + mark] + ')'));
    });
    all('section.module').forEach(function (module) {
      var ids = {};
      all('li.lesson-item', module).forEach(function (item) {
        ids[lessonId(item)] = 1;
      });
      var part = {
        lessons: course.lessons.filter(function (lesson) {
          return ids[lesson[0]];
        }),
      };
      placeBar(progressBar(Store.summary(state, part)), $('.lesson-list', module));
    });
    /* Learning path: how far the learner is in each course to learn first; what comes next */
    all('.course-requires li[data-course-id]').forEach(function (item) {
      var id = item.getAttribute('data-course-id'),
        other = outline(id);
      if (other) item.appendChild(progressBar(Store.summary(store.load(profileId, id), other)));
    });
    var next = $('.course-next');
    if (next) next.hidden = !summary.complete;
    if (!actions) return;
    placeBar(progressBar(summary), actions);
    continueLink($('a.start-link', actions), course, state);
    if (summary.complete) {
      var link = el('a', 'button secondary khoa-gen khoa-completion-link', ui.completion_link);
      link.href = 'completion.html';
      actions.appendChild(link);
    }
  }

  function homePage() {
    all('article.course-card').forEach(function (card) {
      var id = card.getAttribute('data-course-id'),
        course = outline(id),
        actions = $('.course-actions', card);
      if (!course || !actions) return;
      var state = store.load(profileId, id),
        words = (window.KhoaStrings || {})[card.getAttribute('lang')] || ui;
      placeBar(progressBar(Store.summary(state, course), words), actions);
      continueLink($('a.start-link', actions), course, state, words);
    });
  }

  function completionPage() {
    var course = outline(courseId),
      missing = $('#_khoa-completion-missing'),
      certificate = $('#_khoa-completion');
    if (!course || !missing || !certificate) return;
    var summary = Store.summary(store.load(profileId, courseId), course);
    if (!summary.complete) {
      var todo = {};
      summary.missing.forEach(function (lesson) {
        todo[lesson[0]] = 1;
      });
      missing.hidden = false;
      if (summary.missing.length)
        missing.insertBefore(
          el('p', '', format(ui.completion_missing, { n: summary.missing.length })),
          missing.firstChild,
        );
      all('li[data-lesson-id]', missing).forEach(function (item) {
        item.hidden = !todo[lessonId(item)];
      });
      if (!summary.passed)
        missing.appendChild(
          el('p', '', format(ui.completion_low_score, { score: summary.score, pass: course.pass })),
        );
      return;
    }
    certificate.hidden = false;
    var input = $('#_khoa-learner-name'),
      learner = store.current();
    function show() {
      $('#_khoa-certificate-name').textContent = input.value.trim() || '\u00a0';
    }
    input.value = learner.full || learner.name;
    /* Kept per profile so the learner types it once */
    input.addEventListener('change', function () {
      store.editProfiles(function (profiles) {
        profiles.list.forEach(function (p) {
          if (p.id === profiles.cur) p.full = input.value.trim();
        });
      });
    });
    input.addEventListener('input', show);
    show();
    $('#_khoa-certificate-score').textContent = summary.score + '%';
    $('#_khoa-certificate-date').textContent = new Date(summary.finished * 1000).toLocaleDateString(
      data.lang,
    );
    $('#_khoa-completion-print').addEventListener('click', function () {
      window.print();
    });
  }

  function refresh() {
    all('.khoa-gen').forEach(function (node) {
      node.parentNode.removeChild(node);
    });
    if (data.page === 'course') coursePage();
    else homePage();
  }

  function init() {
    try {
      data = JSON.parse($('#_khoa-data').textContent);
    } catch (_e) {
      return;
    }
    if (!Store || !data || !data.site) return;
    ui = (window.KhoaStrings || {})[data.lang] || {};
    root = document.body.getAttribute('data-root') || '';
    courseId = data.course;
    var guarded = Store.guard(function () {
      return window.localStorage;
    });
    guarded.onfail = notice;
    store = Store.open(guarded, data.site);
    if (!guarded.ok) notice();
    else if (navigator.storage && navigator.storage.persist)
      navigator.storage.persist().then(null, function () {});
    profileId = store.profiles().cur;
    var context = {
      store: store,
      data: data,
      ui: ui,
      profileId: profileId,
      courseId: courseId,
      refresh: refresh,
    };
    window.KhoaTools.header(context);
    if (data.page === 'lesson') lessonPage();
    if (data.page === 'completion') completionPage();
    if (data.page === 'course' || data.page === 'home') {
      refresh();
      window.KhoaTools.panel(context);
    }
  }

  document.addEventListener('DOMContentLoaded', init);
})();
