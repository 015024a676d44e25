/* quiz-grade.js — one job: the pure grading of quiz answers against the answer key khoa writes
 * next to each question (src/quiz/render.rs), plus the seeded shuffle. No DOM.
 *
 * Keys by type: single/multiple {correct: [option index]}, text {answers, fold}, number
 * {numbers: [[value, tolerance]]}, order {count} (correct order = 0..count-1), match
 * {correct: [right index per left]}, gaps {gaps: [{answers} | {choice}], fold}.
 * Answers: single → index, multiple → [index], text/number → string, order → [index in shown
 * order], match → [right index | null], gaps → [string | index].
 * grade(key, answer) → {correct, parts}: parts = one boolean per option / item / pair / gap.
 */
(function (root) {
  'use strict';

  var MARKS = /[\u0300-\u036f]/g;

  /* Case, outer and repeated spaces and Unicode form do not matter; with fold, tone marks and đ. */
  function normalize(text, fold) {
    var s = String(text == null ? '' : text)
      .normalize('NFC')
      .toLowerCase()
      .trim()
      .replace(/\s+/g, ' ');
    return fold ? s.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').normalize('NFC') : s;
  }

  /* A learner's number: decimal comma or point, spaces ignored; NaN when not a number. */
  function parseNumber(text) {
    var s = String(text == null ? '' : text)
      .replace(/\s+/g, '')
      .replace(',', '.');
    return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : NaN;
  }

  function matchesText(accepted, given, fold) {
    var g = normalize(given, fold);
    return (
      g !== '' &&
      accepted.some(function (a) {
        return normalize(a, fold) === g;
      })
    );
  }

  function matchesNumber(numbers, given) {
    var n = parseNumber(given);
    return (
      !Number.isNaN(n) &&
      numbers.some(function (pair) {
        return Math.abs(n - pair[0]) <= pair[1] + 1e-9 * Math.max(1, Math.abs(pair[0]));
      })
    );
  }

  function all(parts) {
    return parts.length > 0 && parts.every(Boolean);
  }

  function grade(key, answer) {
    var parts;
    switch (key.type) {
      case 'single':
      case 'multiple': {
        var chosen = [].concat(answer == null ? [] : answer).map(Number);
        var n = Math.max.apply(null, key.correct.concat(chosen, [0])) + 1;
        parts = [];
        for (var i = 0; i < n; i++)
          parts.push(chosen.indexOf(i) >= 0 === key.correct.indexOf(i) >= 0);
        return { correct: all(parts), parts: parts };
      }
      case 'text':
        parts = [matchesText(key.answers, answer, key.fold)];
        return { correct: parts[0], parts: parts };
      case 'number':
        parts = [matchesNumber(key.numbers, answer)];
        return { correct: parts[0], parts: parts };
      case 'order':
        parts = (answer || []).map(function (index, position) {
          return Number(index) === position;
        });
        return { correct: parts.length === key.count && all(parts), parts: parts };
      case 'match':
        parts = key.correct.map(function (right, i) {
          return answer != null && answer[i] != null && Number(answer[i]) === right;
        });
        return { correct: all(parts), parts: parts };
      case 'gaps':
        parts = key.gaps.map(function (gap, i) {
          var given = answer ? answer[i] : null;
          if ('choice' in gap)
            return given !== null && given !== '' && Number(given) === gap.choice;
          return matchesText(gap.answers, given, key.fold);
        });
        return { correct: all(parts), parts: parts };
      default:
        return { correct: false, parts: [] };
    }
  }

  /* A small seeded generator (mulberry32) so one page load shuffles the same way every time. */
  function random(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }

  /* A new array with `list` shuffled by `seed` (Fisher–Yates); with `avoid`, never the same order. */
  function shuffle(list, seed, avoid) {
    var out = list.slice();
    var next = random(seed);
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1));
      var x = out[i];
      out[i] = out[j];
      out[j] = x;
    }
    if (
      avoid &&
      out.length > 1 &&
      out.every(function (x, k) {
        return x === list[k];
      })
    )
      out.push(out.shift());
    return out;
  }

  var KhoaQuizGrade = {
    normalize: normalize,
    parseNumber: parseNumber,
    grade: grade,
    shuffle: shuffle,
    hash: hash,
  };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = KhoaQuizGrade;
  } else {
    root.KhoaQuizGrade = KhoaQuizGrade;
  }
})(typeof self !== 'undefined' ? self : this);
