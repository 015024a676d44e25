/* review.js — one job: the review of missed questions. On review.html (#_khoa-review,
   #_khoa-review-status, #_khoa-review-empty) it lists, by lesson, the questions this learner got
   wrong or skipped, with their markup from the course's review script (KhoaReview[course], written
   by the build into _khoa/review/<course>.js), answerable in place through KhoaQuiz.add; every
   answer updates the same stored answers, and the lesson's completion, as on the lesson page. On
   course and completion pages it shows a.khoa-review-link when there is something to review.
   Reads #_khoa-data, body[data-root], KhoaStrings, KhoaCourses, KhoaStore, KhoaReviewCore, KhoaDom. */
(function () {
  'use strict';
  var Dom = window.KhoaDom,
    Core = window.KhoaReviewCore,
    Store = window.KhoaStore;

  function reviewPage(context) {
    var data = context.data,
      ui = context.ui,
      outline = context.outline,
      list = Dom.$('#_khoa-review'),
      status = Dom.$('#_khoa-review-status'),
      empty = Dom.$('#_khoa-review-empty'),
      root = document.body.getAttribute('data-root') || '',
      lessons = {},
      left = {};
    ((window.KhoaReview || {})[data.course] || []).forEach(function (lesson) {
      lessons[lesson[0]] = lesson;
    });
    context.missed.forEach(function (entry) {
      var lesson = lessons[entry[0]];
      if (!lesson) return;
      var section = Dom.el('section', 'review-lesson'),
        heading = Dom.el('h2'),
        link = Dom.el('a', '', lesson[1]),
        markup = {};
      link.href = root + lesson[2];
      heading.appendChild(link);
      section.appendChild(heading);
      lesson[3].forEach(function (question) {
        markup[question[0]] = question[1];
      });
      list.appendChild(section);
      entry[1].forEach(function (id) {
        if (!markup[id]) return;
        var holder = Dom.el('div');
        holder.innerHTML = markup[id]; // the build's own sanitized quiz markup
        var quiz = holder.firstElementChild;
        section.appendChild(quiz);
        window.KhoaQuiz.add(quiz);
        left[id] = 1;
      });
    });

    function show() {
      var n = Object.keys(left).length;
      status.textContent = n ? Dom.format(ui.review_left, { n: n }) : '';
      empty.hidden = n > 0;
    }

    document.addEventListener('khoa:answer', function (event) {
      var detail = event.detail;
      if (!detail || typeof detail.question !== 'string') return;
      var state = Store.answer(context.load(), detail),
        lesson = Core.lessonOf(outline, detail.question);
      if (lesson && outline.complete !== 'read' && Core.allRight(state, lesson))
        Store.done(state, lesson[0]);
      context.save(state);
      if (detail.correct) delete left[detail.question];
      else left[detail.question] = 1;
      show();
    });
    show();
  }

  function init() {
    var data;
    try {
      data = JSON.parse(Dom.$('#_khoa-data').textContent);
    } catch (_e) {
      return;
    }
    var outline = (window.KhoaCourses || {})[data.course];
    if (!Store || !Core || !outline || !data.site) return;
    var store = Store.open(
        Store.guard(function () {
          return window.localStorage;
        }),
        data.site,
      ),
      profile = store.profiles().cur,
      ui = (window.KhoaStrings || {})[data.lang] || {},
      missed = Core.missed(store.load(profile, data.course), outline),
      link = Dom.$('.khoa-review-link');
    if (link && Core.count(missed)) {
      link.textContent = Dom.format(ui.review_link, { n: Core.count(missed) });
      link.hidden = false;
    }
    if (data.page !== 'review') return;
    reviewPage({
      data: data,
      ui: ui,
      outline: outline,
      missed: missed,
      load: function () {
        return store.load(profile, data.course);
      },
      save: function (state) {
        store.save(profile, data.course, state);
      },
    });
  }

  document.addEventListener('DOMContentLoaded', init);
})();
