/* progress.js — one job: record and show progress (DOM side of store.js), and the learner's tools (profiles,
   export/import, reset). Reads #_khoa-data, KhoaStrings[lang], body[data-root], KhoaCourses (_khoa/data/<course>.js),
   .course-card[data-course-id], .course-actions a.start-link, section.module li.lesson-item[data-lesson-id],
   nav.pager, completion.html #_khoa-completion* and #_khoa-certificate-* ids. Listens to `khoa:answer`; calls KhoaQuiz.restore. */
(function () {
  'use strict';
  var Store = window.KhoaStore,
    data,
    ui,
    root,
    store,
    profileId,
    courseId;

  function $(selector, from) {
    return (from || document).querySelector(selector);
  }
  function all(selector, from) {
    return [].slice.call((from || document).querySelectorAll(selector));
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function button(text, onClick, className) {
    var node = el('button', className || 'secondary', text);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  }
  /* "{n} bài" + {n: 3} -> "3 bài" */
  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (_match, name) {
      return values[name];
    });
  }
  function outline(id) {
    return (window.KhoaCourses || {})[id];
  }
  function insertBefore(node, next) {
    next.parentNode.insertBefore(node, next);
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
    if (!link.hasAttribute('data-start')) {
      link.setAttribute('data-start', link.getAttribute('href'));
      link.setAttribute('data-start-text', link.textContent);
    }
    var last = course.lessons.filter(function (lesson) {
      return lesson[0] === state.last;
    })[0];
    link.setAttribute('href', last ? root + last[1] : link.getAttribute('data-start'));
    link.textContent = last ? words.continue : link.getAttribute('data-start-text');
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
      if (summary.max)
        box.appendChild(
          el(
            'p',
            '',
            ui.lesson_score + ': ' + Math.round(summary.earned * 10) / 10 + '/' + summary.max,
          ),
        );
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
      module.insertBefore(progressBar(Store.summary(state, part)), $('.lesson-list', module));
    });
    if (!actions) return;
    insertBefore(progressBar(summary), actions);
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
      insertBefore(progressBar(Store.summary(state, course), words), actions);
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
      learner = me();
    function show() {
      $('#_khoa-certificate-name').textContent = input.value.trim() || '\u00a0';
    }
    input.value = learner.full || learner.name;
    /* Kept per profile so the learner types it once */
    input.addEventListener('change', function () {
      updateProfiles(function (profiles) {
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

  function me() {
    var profiles = store.profiles();
    return profiles.list.filter(function (p) {
      return p.id === profiles.cur;
    })[0];
  }
  function profileName(profile) {
    return profile.name || ui.profile_default;
  }
  function updateProfiles(edit) {
    var profiles = store.profiles();
    edit(profiles);
    store.setProfiles(profiles);
  }
  function changeProfiles(edit) {
    updateProfiles(edit);
    location.reload();
  }
  function field(text, control, id) {
    var label = el('label', 'khoa-field', text + ' ');
    control.id = id;
    label.appendChild(control);
    return label;
  }
  function profileSelect(id) {
    var profiles = store.profiles(),
      select = el('select'),
      label;
    profiles.list.forEach(function (p) {
      var option = el('option', '', profileName(p));
      option.value = p.id;
      option.selected = p.id === profiles.cur;
      select.appendChild(option);
    });
    select.addEventListener('change', function () {
      changeProfiles(function (profiles) {
        profiles.cur = select.value;
      });
    });
    label = field(ui.profile, select, id);
    label.classList.add('khoa-profiles');
    return label;
  }
  function row(box, items) {
    var line = el('p');
    items.forEach(function (item) {
      if (item) line.appendChild(item);
    });
    box.appendChild(line);
  }

  /* The switcher in the header only once there is more than one learner */
  function header() {
    var bar = $('.site-header');
    if (bar && store.storage.ok && store.profiles().list.length > 1)
      bar.appendChild(profileSelect('_khoa-who'));
  }

  function profileTools(panel) {
    var input = el('input'),
      box = el('div', 'khoa-profiles');
    if (!store.storage.ok) return;
    input.maxLength = 60;
    input.value = me().name;
    panel.appendChild(box);
    box.appendChild(profileSelect('_khoa-profile'));
    box.appendChild(field(ui.profile_name, input, '_khoa-profile-name'));
    row(box, [
      button(ui.profile_add, function () {
        changeProfiles(function (profiles) {
          profiles.cur = 'p' + Date.now().toString(36);
          profiles.list.push({
            id: profiles.cur,
            name: input.value.trim() || ui.profile + ' ' + (profiles.list.length + 1),
          });
        });
      }),
      button(ui.profile_rename, function () {
        changeProfiles(function (profiles) {
          profiles.list.forEach(function (p) {
            if (p.id === profiles.cur) p.name = input.value.trim();
          });
        });
      }),
      store.profiles().list.length > 1 &&
        button(ui.profile_delete, function () {
          if (!window.confirm(format(ui.profile_delete_confirm, { name: profileName(me()) })))
            return;
          changeProfiles(function (profiles) {
            store.dropProfile(profiles.cur);
            profiles.list = profiles.list.filter(function (p) {
              return p.id !== profiles.cur;
            });
          });
        }),
    ]);
  }

  function exporter(box) {
    var code = el('textarea');
    function exported() {
      return Store.exportData(data.site, me().name, store.courses(profileId));
    }
    code.readOnly = true;
    code.rows = 3;
    var help = field(ui.export_code_help, code, '_khoa-code'),
      copy = button(ui.copy, function () {
        code.select();
        try {
          navigator.clipboard.writeText(code.value).then(null, function () {});
        } catch (_e) {
          document.execCommand('copy');
        }
      });
    help.hidden = copy.hidden = true;
    row(box, [
      button(ui.export_file, function () {
        var link = el('a');
        link.href = URL.createObjectURL(
          new Blob([JSON.stringify(exported())], { type: 'application/json' }),
        );
        link.download = 'khoa-' + data.site + '-' + new Date().toISOString().slice(0, 10) + '.json';
        document.body.appendChild(link);
        link.click();
        link.parentNode.removeChild(link);
      }),
      button(ui.export_code, function () {
        Store.encode(exported()).then(function (text) {
          code.value = text;
          help.hidden = copy.hidden = false;
          code.select();
        });
      }),
    ]);
    box.appendChild(help);
    box.appendChild(copy);
  }

  function importer(box) {
    var input = el('textarea'),
      file = el('input'),
      result = el('p', 'khoa-import-result');
    input.rows = 3;
    file.type = 'file';
    file.accept = '.json,application/json';
    file.setAttribute('aria-label', ui.import_help);
    result.setAttribute('role', 'status');
    function merge(read) {
      var count = { courses: 0, lessons: 0, answers: 0 };
      Object.keys(read.courses).forEach(function (id) {
        var state = read.courses[id];
        store.save(profileId, id, Store.merge(store.load(profileId, id), state));
        count.courses++;
        count.lessons += Object.keys(state.lessons).length;
        count.answers += Object.keys(state.answers).length;
      });
      result.textContent = format(ui.import_done, count);
      refresh();
    }
    function run(text) {
      Store.readImport(text, data.site).then(merge, function (e) {
        result.textContent = ui['import_error_' + e.message];
      });
    }
    file.addEventListener('change', function () {
      var reader = new FileReader();
      reader.onload = function () {
        run(reader.result);
      };
      if (file.files[0]) reader.readAsText(file.files[0]);
    });
    box.appendChild(field(ui.import_help, input, '_khoa-import'));
    row(box, [
      file,
      button(ui.import, function () {
        run(input.value);
      }),
    ]);
    box.appendChild(result);
  }

  function toolsPanel() {
    var main = $('main'),
      panel = el('details', 'khoa-tools');
    if (!main) return;
    panel.appendChild(el('summary', '', ui.tools));
    profileTools(panel);
    exporter(panel);
    importer(panel);
    if (data.page === 'course') {
      panel.appendChild(
        button(
          ui.reset,
          function () {
            if (!window.confirm(format(ui.reset_confirm, { name: profileName(me()) }))) return;
            store.reset(profileId, courseId);
            refresh();
          },
          'secondary khoa-reset',
        ),
      );
    }
    main.appendChild(panel);
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
    header();
    if (data.page === 'lesson') lessonPage();
    if (data.page === 'completion') completionPage();
    if (data.page === 'course' || data.page === 'home') {
      refresh();
      toolsPanel();
    }
  }

  document.addEventListener('DOMContentLoaded', init);
})();
