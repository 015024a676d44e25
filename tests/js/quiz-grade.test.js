// quiz-grade.test.js — one job: the pure grading of every quiz type (quiz-grade.js), with the
// answer keys exactly as src/quiz/render.rs writes them.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const G = require('../../themes/default/static/js/quiz-grade.js');

const nfd = (s) => s.normalize('NFD');

test('single choice: only the marked option is right', () => {
  const key = { type: 'single', correct: [1] };
  assert.equal(G.grade(key, 1).correct, true);
  assert.equal(G.grade(key, 0).correct, false);
  assert.equal(G.grade(key, null).correct, false);
  assert.deepEqual(G.grade(key, 0).parts.slice(0, 2), [false, false]);
});

test('multiple choice: exactly the correct set', () => {
  const key = { type: 'multiple', correct: [0, 2] };
  assert.equal(G.grade(key, [0, 2]).correct, true);
  assert.equal(G.grade(key, [2, 0]).correct, true);
  assert.equal(G.grade(key, [0]).correct, false, 'missing one');
  assert.equal(G.grade(key, [0, 1, 2]).correct, false, 'one too many');
  assert.equal(G.grade({ type: 'multiple', correct: [1] }, [1]).correct, true);
});

test('text: case, spaces and Unicode form are ignored; tone marks only with fold', () => {
  const key = { type: 'text', answers: ['hai bước', '2 bước'], fold: false };
  assert.equal(G.grade(key, '  Hai   BƯỚC ').correct, true);
  assert.equal(G.grade(key, nfd('hai bước')).correct, true, 'NFD input');
  assert.equal(
    G.grade({ ...key, answers: [nfd('hai bước')] }, 'hai bước').correct,
    true,
    'NFD key',
  );
  assert.equal(G.grade(key, '2 bước').correct, true);
  assert.equal(G.grade(key, 'hai buoc').correct, false, 'no folding without fold=true');
  assert.equal(G.grade(key, 'ba bước').correct, false);
  assert.equal(G.grade(key, '').correct, false);
  const folded = { type: 'text', answers: ['Đường dây nóng'], fold: true };
  assert.equal(G.grade(folded, 'duong day nong').correct, true);
  assert.equal(G.grade(folded, nfd('ĐƯỜNG dây nóng')).correct, true);
  assert.equal(G.grade(folded, 'duong day').correct, false);
});

test('number: tolerance and decimal comma', () => {
  const key = {
    type: 'number',
    numbers: [
      [3.5, 0.1],
      [113, 0],
    ],
  };
  assert.equal(G.grade(key, '3,5').correct, true);
  assert.equal(G.grade(key, '3.6').correct, true, 'edge of the tolerance');
  assert.equal(G.grade(key, '3,41').correct, true);
  assert.equal(G.grade(key, '3.7').correct, false);
  assert.equal(G.grade(key, ' 113 ').correct, true);
  assert.equal(G.grade(key, '113.5').correct, false);
  assert.equal(G.grade(key, 'ba').correct, false);
  assert.equal(G.grade(key, '1,1,3').correct, false);
  assert.ok(Number.isNaN(G.parseNumber('')));
  assert.equal(G.parseNumber('-0,25'), -0.25);
});

test('order: every item in its place', () => {
  const key = { type: 'order', count: 3 };
  assert.equal(G.grade(key, [0, 1, 2]).correct, true);
  const wrong = G.grade(key, [1, 0, 2]);
  assert.equal(wrong.correct, false);
  assert.deepEqual(wrong.parts, [false, false, true]);
  assert.equal(G.grade(key, [0, 1]).correct, false, 'an item missing');
});

test('match: each left side with its right side', () => {
  const key = { type: 'match', correct: [2, 0] };
  assert.equal(G.grade(key, [2, 0]).correct, true);
  const partial = G.grade(key, [2, null]);
  assert.equal(partial.correct, false);
  assert.deepEqual(partial.parts, [true, false]);
  assert.equal(G.grade(key, [1, 0]).correct, false, 'a distractor is never right');
});

test('gaps: blanks with alternatives and dropdowns, folding from the key', () => {
  const key = { type: 'gaps', gaps: [{ answers: ['VNeID', 'vneid'] }, { choice: 1 }], fold: false };
  assert.equal(G.grade(key, ['vneid ', 1]).correct, true);
  assert.deepEqual(G.grade(key, ['VNeID', 0]).parts, [true, false]);
  assert.deepEqual(G.grade(key, ['', null]).parts, [false, false]);
  const folded = { type: 'gaps', gaps: [{ answers: ['mật khẩu'] }], fold: true };
  assert.equal(G.grade(folded, ['mat khau']).correct, true);
  assert.equal(G.grade({ ...folded, fold: false }, ['mat khau']).correct, false);
});

test('normalize collapses spaces and folds only when asked', () => {
  assert.equal(G.normalize('  Đà   Nẵng '), 'đà nẵng');
  assert.equal(G.normalize('Đà Nẵng', true), 'da nang');
});

test('shuffle is deterministic for a seed, keeps every item, and can avoid the original order', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  assert.deepEqual(G.shuffle(items, 42), G.shuffle(items, 42));
  assert.deepEqual(G.shuffle(items, 42).slice().sort(), items);
  const orders = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => G.shuffle(items, s).join('')));
  assert.ok(orders.size > 3, 'different seeds give different orders');
  for (let s = 0; s < 50; s++) assert.notDeepEqual(G.shuffle(['x', 'y'], s, true), ['x', 'y']);
  assert.equal(G.hash('otp'), G.hash('otp'));
  assert.notEqual(G.hash('otp'), G.hash('otq'));
});
