/* quiz.js — one job: make the quiz markup khoa renders (src/quiz/render.rs) interactive: shuffle,
 * check, mark right/wrong with text and icon, feedback, explanation, retry, hints, ordering buttons
 * and the lesson score. Grading itself is quiz-grade.js.
 *
 * Contract with progress.js: after each check, `khoa:answer` on document with detail
 * {question, answer, correct, points, max}; window.KhoaQuiz = {restore(id, answer), questions(), add(el)}.
 */
(function (root) {
  'use strict';

  var G = root.KhoaQuizGrade;
  var doc = root.document;
  var T = {};
  var quizzes = {};
  var list = [];
  var scoreEl = null;
  var ready = false;
  var seed = (Math.random() * 4294967296) >>> 0;

  function all(el, sel) {
    return [].slice.call(el.querySelectorAll(sel));
  }
  function one(el, sel) {
    return el.querySelector(sel);
  }
  function t(key) {
    return T[key] || key;
  }

  function init() {
    if (ready) return;
    ready = true;
    var lang = 'vi';
    try {
      lang = JSON.parse(doc.getElementById('_khoa-data').textContent).lang;
    } catch (_e) {
      /* keep vi */
    }
    T = (window.KhoaStrings || {})[lang] || {};
    all(doc, '.quiz[data-question]').forEach(setup);
    if (!list.length) return;
    var last = list[list.length - 1].el;
    scoreEl = doc.createElement('p');
    scoreEl.className = 'quiz-score';
    scoreEl.setAttribute('aria-live', 'polite');
    last.parentNode.insertBefore(scoreEl, last.nextSibling);
    updateScore();
  }

  function setup(el) {
    var q = {
      el: el,
      id: el.getAttribute('data-question'),
      type: el.getAttribute('data-type'),
      points: Number(el.getAttribute('data-points')) || 1,
      correct: false,
      key: JSON.parse(one(el, 'script.quiz-data').textContent),
      result: one(el, '.quiz-result'),
      reveal: one(el, '.quiz-reveal'),
      expl: one(el, '.quiz-explanation'),
      hintBox: one(el, '.quiz-hints'),
      shown: 0,
    };
    quizzes[q.id] = q;
    list.push(q);
    el.classList.add('quiz-ready');
    all(el, '[data-js]').forEach(function (e) {
      e.hidden = false;
    });
    q.reveal.hidden = true;
    if (q.expl) {
      el.insertBefore(q.expl, q.reveal);
      q.expl.hidden = true;
    }
    if (q.hintBox) {
      q.hintBox.open = true;
      q.hintBox.hidden = true;
      one(q.hintBox, 'summary').hidden = true;
      q.hints = all(q.hintBox, '.quiz-hint');
      q.hints.forEach(function (h) {
        h.hidden = true;
        h.tabIndex = -1;
      });
      one(el, '.quiz-hint-button').addEventListener('click', function () {
        hint(q);
      });
    }
    if (el.getAttribute('data-shuffle') === 'true') shuffle(q);
    one(el, '.quiz-check').addEventListener('click', function () {
      check(q);
    });
    one(el, '.quiz-retry').addEventListener('click', function () {
      retry(q);
    });
    el.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('.quiz-up, .quiz-down');
      if (b) move(q, b);
    });
    el.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && e.target.matches('input[type=text]')) {
        e.preventDefault();
        check(q);
      }
    });
  }

  function shuffle(q) {
    var box = one(q.el, '.quiz-options, .quiz-order, .quiz-match');
    if (!box) return;
    var items = G.shuffle(all(box, ':scope > li'), seed ^ G.hash(q.id));
    if (
      q.type === 'order' &&
      items.length > 1 &&
      items.every(function (li, i) {
        return index(li) === i;
      })
    ) {
      items.push(items.shift());
    }
    items.forEach(function (li) {
      box.appendChild(li);
    });
  }

  function index(el) {
    return Number(el.getAttribute('data-index'));
  }

  function move(q, button) {
    var li = button.closest('li');
    var box = li.parentNode;
    if (button.classList.contains('quiz-up') && li.previousElementSibling) {
      box.insertBefore(li, li.previousElementSibling);
    } else if (button.classList.contains('quiz-down') && li.nextElementSibling) {
      box.insertBefore(li.nextElementSibling, li);
    }
    button.focus();
    var items = all(box, ':scope > li');
    q.result.textContent = items.indexOf(li) + 1 + '/' + items.length;
  }

  function hint(q) {
    var next = q.hints[q.shown++];
    if (!next) return;
    q.hintBox.hidden = false;
    next.hidden = false;
    if (q.shown >= q.hints.length) {
      one(q.el, '.quiz-hint-button').hidden = true;
      next.focus();
    }
  }

  /* The learner's answer as stored by progress, or null when nothing is answered yet. */
  function collect(q) {
    var el = q.el;
    switch (q.type) {
      case 'single': {
        var c = one(el, 'input:checked');
        return c ? Number(c.value) : null;
      }
      case 'multiple': {
        var v = all(el, 'input:checked')
          .map(function (i) {
            return Number(i.value);
          })
          .sort(function (a, b) {
            return a - b;
          });
        return v.length ? v : null;
      }
      case 'text':
      case 'number': {
        var s = one(el, '.quiz-input').value.trim();
        return s ? s : null;
      }
      case 'order':
        return all(el, '.quiz-item').map(index);
      case 'match':
        return blankIfEmpty(
          pairs(q).map(function (li) {
            return value(one(li, 'select'));
          }),
        );
      case 'gaps':
        return blankIfEmpty(
          gaps(q).map(function (g) {
            return g.tagName === 'SELECT' ? value(g) : g.value.trim() || null;
          }),
        );
    }
    return null;
  }

  function value(select) {
    return select.value === '' ? null : Number(select.value);
  }
  function blankIfEmpty(a) {
    return a.some(function (x) {
      return x !== null;
    })
      ? a
      : null;
  }
  function pairs(q) {
    return all(q.el, '.quiz-pair').sort(function (a, b) {
      return index(a) - index(b);
    });
  }
  function gaps(q) {
    return all(q.el, '.quiz-gap').sort(function (a, b) {
      return a.getAttribute('data-gap') - b.getAttribute('data-gap');
    });
  }

  /* Puts a stored answer back into the form. */
  function fill(q, answer) {
    var el = q.el;
    switch (q.type) {
      case 'single':
      case 'multiple': {
        var chosen = [].concat(answer).map(String);
        all(el, '.quiz-option input').forEach(function (i) {
          i.checked = chosen.indexOf(i.value) >= 0;
        });
        break;
      }
      case 'text':
      case 'number':
        one(el, '.quiz-input').value = answer == null ? '' : String(answer);
        break;
      case 'order': {
        var box = one(el, '.quiz-order');
        var items = all(box, '.quiz-item');
        answer.forEach(function (i) {
          var li = items.filter(function (x) {
            return index(x) === Number(i);
          })[0];
          if (li) box.appendChild(li);
        });
        break;
      }
      case 'match':
        pairs(q).forEach(function (li, i) {
          one(li, 'select').value = answer[i] == null ? '' : String(answer[i]);
        });
        break;
      case 'gaps':
        gaps(q).forEach(function (g, i) {
          g.value = answer[i] == null ? '' : String(answer[i]);
        });
        break;
    }
  }

  function check(q) {
    var answer = collect(q);
    if (answer === null) {
      q.result.className = 'quiz-result';
      q.result.textContent = t('quiz_empty');
      return;
    }
    var r = show(q, answer);
    doc.dispatchEvent(
      new CustomEvent('khoa:answer', {
        detail: {
          question: q.id,
          answer: answer,
          correct: r.correct,
          points: r.correct ? q.points : 0,
          max: q.points,
        },
      }),
    );
    one(q.el, '.quiz-retry').focus();
  }

  /* Grades `answer`, marks every part right or wrong, shows feedback and the explanation. */
  function show(q, answer) {
    var r = G.grade(q.key, answer);
    q.correct = r.correct;
    clear(q);
    var el = q.el;
    if (q.type === 'single' || q.type === 'multiple') {
      all(el, '.quiz-option').forEach(function (li) {
        if (!one(li, 'input').checked) return;
        mark(li, q.key.correct.indexOf(index(li)) >= 0);
        var fb = one(li, '.quiz-feedback');
        if (fb) fb.hidden = false;
      });
    } else if (q.type === 'text' || q.type === 'number') {
      mark(one(el, '.quiz-answers'), r.correct);
    } else if (q.type === 'order') {
      all(el, '.quiz-item').forEach(function (li, p) {
        mark(li, r.parts[p]);
      });
    } else if (q.type === 'match') {
      pairs(q).forEach(function (li, i) {
        mark(li, r.parts[i]);
      });
    } else if (q.type === 'gaps') {
      gaps(q).forEach(function (g, i) {
        mark(g, r.parts[i], true);
      });
    }
    q.result.className = 'quiz-result ' + (r.correct ? 'quiz-result-right' : 'quiz-result-wrong');
    q.result.textContent = '';
    q.result.appendChild(icon(r.correct));
    q.result.appendChild(doc.createTextNode(' ' + t(r.correct ? 'quiz_right' : 'quiz_wrong')));
    if (q.expl) q.expl.hidden = false;
    q.reveal.hidden = false;
    one(el, '.quiz-answers').disabled = true;
    one(el, '.quiz-check').hidden = true;
    one(el, '.quiz-retry').hidden = false;
    updateScore();
    return r;
  }

  function icon(right) {
    var s = doc.createElement('span');
    s.className = 'quiz-icon';
    s.setAttribute('aria-hidden', 'true');
    s.textContent = right ? '✓' : '✗';
    return s;
  }

  /* Appends "✓ Đúng" / "✗ Chưa đúng" to `target` (or after it, for gaps inside a sentence): the
     icon shows, the word is for screen readers, as the verdict below already says it. */
  function mark(target, right, after) {
    var m = doc.createElement('span');
    var word = doc.createElement('span');
    m.className = 'quiz-mark ' + (right ? 'quiz-mark-right' : 'quiz-mark-wrong');
    m.appendChild(icon(right));
    word.className = 'khoa-sr';
    word.textContent = ' ' + t(right ? 'quiz_right' : 'quiz_wrong');
    m.appendChild(word);
    if (after) target.parentNode.insertBefore(m, target.nextSibling);
    else target.appendChild(m);
  }

  function clear(q) {
    all(q.el, '.quiz-mark').forEach(function (m) {
      m.parentNode.removeChild(m);
    });
    all(q.el, '.quiz-feedback').forEach(function (f) {
      f.hidden = true;
    });
  }

  function retry(q) {
    clear(q);
    q.result.className = 'quiz-result';
    q.result.textContent = '';
    if (q.expl) q.expl.hidden = true;
    q.reveal.hidden = true;
    q.reveal.open = false;
    one(q.el, '.quiz-answers').disabled = false;
    one(q.el, '.quiz-retry').hidden = true;
    one(q.el, '.quiz-check').hidden = false;
    var first = one(q.el, '.quiz-answers input, .quiz-answers select, .quiz-answers button');
    if (first) first.focus();
  }

  function updateScore() {
    if (!scoreEl) return;
    var got = 0;
    var max = 0;
    list.forEach(function (q) {
      max += q.points;
      if (q.correct) got += q.points;
    });
    scoreEl.textContent = t('quiz_score') + ': ' + got + '/' + max;
  }

  function restore(id, answer) {
    init();
    var q = quizzes[id];
    if (!q || answer == null) return false;
    fill(q, answer);
    show(q, answer);
    return true;
  }

  function questions() {
    init();
    return list.map(function (q) {
      return { id: q.id, points: q.points };
    });
  }

  /* Sets up a question added after the page loaded (the review page). */
  function add(el) {
    init();
    setup(el);
  }

  root.KhoaQuiz = { restore: restore, questions: questions, add: add };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})(typeof self !== 'undefined' ? self : this);
