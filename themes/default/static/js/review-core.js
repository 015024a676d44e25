/* review-core.js — one job: which questions of a course a learner missed (pure; KhoaReviewCore).
   `outline` is a course as KhoaCourses holds it ({lessons: [[lesson id, url, [[question id,
   points], …]], …]}), `state` a course's stored progress (KhoaStore): a question is missed when
   its answer is wrong, or when it has none in a lesson the learner opened. */
(function (root) {
  'use strict';

  /* [[lesson id, [question id, …]], …] in reading order, lessons with nothing missed left out. */
  function missed(state, outline) {
    var out = [];
    (outline.lessons || []).forEach(function (lesson) {
      var opened = !!state.lessons[lesson[0]];
      var ids = (lesson[2] || [])
        .filter(function (q) {
          var answer = state.answers[q[0]];
          return answer ? !answer.ok : opened;
        })
        .map(function (q) {
          return q[0];
        });
      if (ids.length) out.push([lesson[0], ids]);
    });
    return out;
  }

  function count(list) {
    return list.reduce(function (n, lesson) {
      return n + lesson[1].length;
    }, 0);
  }

  /* The lesson of `outline` that asks `question`, or undefined. */
  function lessonOf(outline, question) {
    return (outline.lessons || []).filter(function (lesson) {
      return (lesson[2] || []).some(function (q) {
        return q[0] === question;
      });
    })[0];
  }

  /* Whether every question of `lesson` is answered right (the lesson page's rule for "done"). */
  function allRight(state, lesson) {
    return (lesson[2] || []).every(function (q) {
      return (state.answers[q[0]] || {}).ok;
    });
  }

  var api = { missed: missed, count: count, lessonOf: lessonOf, allRight: allRight };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.KhoaReviewCore = api;
})(this);
