// review-core.test.js — which questions a learner missed: wrong ones, and unanswered ones in the
// lessons they opened, by lesson in reading order.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const Review = require('../../themes/default/static/js/review-core.js');

const outline = {
  lessons: [
    [
      'a',
      'c/a.html',
      [
        ['qa1', 1],
        ['qa2', 2],
      ],
    ],
    ['b', 'c/b.html', [['qb', 1]]],
    ['c', 'c/c.html', []],
    ['d', 'c/d.html', [['qd', 1]]],
  ],
};
const right = { a: 0, ok: true, n: 1, p: 1, m: 1, t: 1 };
const wrong = { a: 1, ok: false, n: 1, p: 0, m: 1, t: 1 };
const opened = { f: 1, l: 1, d: 0 };

test('wrong answers and skipped questions of opened lessons are missed, by lesson', () => {
  const state = {
    lessons: { a: opened, b: opened },
    answers: { qa1: right, qb: wrong, qd: wrong },
  };
  const missed = Review.missed(state, outline);
  assert.deepEqual(missed, [
    ['a', ['qa2']],
    ['b', ['qb']],
    ['d', ['qd']],
  ]);
  assert.equal(Review.count(missed), 3);
});

test('a learner who has opened nothing has nothing to review', () => {
  const missed = Review.missed({ lessons: {}, answers: {} }, outline);
  assert.deepEqual(missed, []);
  assert.equal(Review.count(missed), 0);
});

test('the lesson of a question, and whether all its questions are right', () => {
  assert.equal(Review.lessonOf(outline, 'qa2')[0], 'a');
  assert.equal(Review.lessonOf(outline, 'nope'), undefined);
  const lesson = Review.lessonOf(outline, 'qa1');
  assert.equal(Review.allRight({ answers: { qa1: right } }, lesson), false);
  assert.equal(Review.allRight({ answers: { qa1: right, qa2: right } }, lesson), true);
});
