/* outline.js — one job: the course outline beside a lesson (nav.course-outline, details#_khoa-outline,
   li[data-lesson-id] in lesson.html): open on wide screens (a phone keeps it folded), and a mark on
   each lesson this learner has done, from the stored progress (KhoaStore, #_khoa-data), again after
   each answer and each "done" button. */
(function () {
  'use strict';

  function marks() {
    var Store = window.KhoaStore,
      nav = document.querySelector('.course-outline'),
      data;
    try {
      data = JSON.parse(document.getElementById('_khoa-data').textContent);
    } catch (_e) {
      return;
    }
    if (!Store || !nav || !data.site) return;
    var store = Store.open(
        Store.guard(function () {
          return window.localStorage;
        }),
        data.site,
      ),
      state = store.load(store.profiles().cur, data.course),
      words = (window.KhoaStrings || {})[data.lang] || {};
    [].forEach.call(nav.querySelectorAll('li[data-lesson-id]'), function (item) {
      var lesson = state.lessons[item.getAttribute('data-lesson-id')];
      if (!lesson || !lesson.d || item.querySelector('.khoa-mark')) return;
      var mark = document.createElement('span'),
        said = document.createElement('span');
      mark.className = 'khoa-mark khoa-done';
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = '✓';
      said.className = 'khoa-sr';
      said.textContent = ' (' + words.outline_done + ')';
      item.insertBefore(mark, item.firstChild);
      item.lastElementChild.appendChild(said);
    });
  }

  function later() {
    setTimeout(marks, 0);
  }

  function init() {
    var outline = document.getElementById('_khoa-outline');
    if (outline && window.matchMedia && window.matchMedia('(min-width: 80rem)').matches)
      outline.open = true;
    marks();
    document.addEventListener('khoa:answer', later);
    document.addEventListener('click', function (event) {
      if (event.target.closest && event.target.closest('.khoa-done')) later();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
