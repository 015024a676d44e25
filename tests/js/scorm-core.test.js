// scorm-core.test.js — one job: the pure logic of the SCORM runtime (assets/scorm/js/scorm-core.js):
// finding the API on parents and opener (bounded), lesson status and score, SCORM time formats, and
// the progress fitted into cmi.suspend_data and read back.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const Core = require('../../assets/scorm/js/scorm-core.js');
const Store = require('../../themes/default/static/js/store.js');

/* A chain of window-like objects: frames[0] is the top, frames[depth] the innermost */
function windows(depth) {
  const top = {};
  top.parent = top;
  const frames = [top];
  for (let i = 1; i <= depth; i++) frames.push({ parent: frames[i - 1] });
  return frames;
}

test('the API is found on the window, a parent up to 7 levels, or the opener and its parents', () => {
  const api = { LMSInitialize() {} };
  let frames = windows(7);
  frames[0].API = api;
  assert.equal(Core.find(frames[7], 'API'), api, '7 parents up');
  frames = windows(8);
  frames[0].API = api;
  assert.equal(Core.find(frames[8], 'API'), null, 'the climb is bounded');
  const opener = windows(2);
  opener[0].API_1484_11 = api;
  frames = windows(1);
  frames[1].opener = opener[2];
  assert.equal(Core.find(frames[1], 'API_1484_11'), api, 'the opener and its parents');
  assert.equal(Core.find(frames[1], 'API'), null);
});

test('a window of another origin (its properties throw) is passed over, not fatal', () => {
  const api = {};
  const top = { parent: null, API: api };
  top.parent = top;
  const foreign = {};
  Object.defineProperty(foreign, 'API', {
    get() {
      throw new Error('SecurityError');
    },
  });
  foreign.parent = top;
  const inner = { parent: foreign };
  assert.equal(Core.find(inner, 'API'), api);
  const walled = { parent: inner };
  Object.defineProperty(walled, 'opener', {
    get() {
      throw new Error('SecurityError');
    },
  });
  assert.equal(Core.find({ parent: walled }, 'Missing'), null);
});

const quiz = {
  complete: 'quiz',
  pass: 60,
  lessons: [
    ['a', 'c/a.html', [['q1', 1]]],
    [
      'b',
      'c/b.html',
      [
        ['q2', 1],
        ['q3', 2],
      ],
    ],
  ],
};
const read = { ...quiz, complete: 'read' };

function state(lessons, answers, last) {
  const s = Store.fresh();
  for (const id of lessons) Store.done(Store.visit(s, id, 100), id, 100);
  for (const [question, correct] of answers)
    Store.answer(s, { question, correct, points: correct ? 1 : 0, max: 1, answer: [1] }, 100);
  s.last = last || '';
  return s;
}
function statusOf(outline, s) {
  return Core.status(Store.summary(s, outline), outline, s);
}
function valueMap(version, outline, s) {
  return Object.fromEntries(Core.values(version, Store.summary(s, outline), outline, s));
}

test('status: incomplete, then completed (read) or passed/failed against pass (quiz)', () => {
  assert.deepEqual(statusOf(read, state(['a'], [])), {
    completion: 'incomplete',
    success: 'unknown',
  });
  assert.deepEqual(statusOf(read, state(['a', 'b'], [])), {
    completion: 'completed',
    success: 'unknown',
  });
  assert.equal(statusOf(quiz, state(['a'], [['q1', true]])).success, 'unknown', 'still answering');
  const passed = state(
    ['a', 'b'],
    [
      ['q1', true],
      ['q2', true],
      ['q3', true],
    ],
  );
  assert.deepEqual(statusOf(quiz, passed), { completion: 'completed', success: 'passed' });
  const failed = state(
    ['a'],
    [
      ['q1', true],
      ['q2', false],
      ['q3', false],
    ],
  );
  assert.deepEqual(statusOf(quiz, failed), { completion: 'incomplete', success: 'failed' });
  assert.equal(valueMap('1.2', quiz, failed)['cmi.core.lesson_status'], 'failed');
  const enough = state(
    ['b'],
    [
      ['q1', false],
      ['q2', true],
      ['q3', true],
    ],
  );
  assert.deepEqual(statusOf(quiz, enough), { completion: 'incomplete', success: 'passed' });
  assert.equal(valueMap('1.2', quiz, passed)['cmi.core.lesson_status'], 'passed');
  assert.equal(valueMap('1.2', read, state(['a'], []))['cmi.core.lesson_status'], 'incomplete');
});

test('values: the course percentage as score, the last lesson as location, per version', () => {
  const s = state(['a'], [['q1', true]], 'a');
  assert.deepEqual(valueMap('1.2', quiz, s), {
    'cmi.core.lesson_status': 'incomplete',
    'cmi.core.score.raw': '25',
    'cmi.core.score.min': '0',
    'cmi.core.score.max': '100',
    'cmi.core.lesson_location': 'a',
  });
  assert.deepEqual(valueMap('2004', quiz, s), {
    'cmi.completion_status': 'incomplete',
    'cmi.success_status': 'unknown',
    'cmi.progress_measure': '0.5',
    'cmi.score.raw': '25',
    'cmi.score.min': '0',
    'cmi.score.max': '100',
    'cmi.score.scaled': '0.25',
    'cmi.location': 'a',
  });
  const noQuestions = { complete: 'read', lessons: [['a', 'c/a.html', []]] };
  assert.deepEqual(valueMap('1.2', noQuestions, state([], [])), {
    'cmi.core.lesson_status': 'incomplete',
  });
});

test('session time: HHHH:MM:SS.SS for 1.2 and an ISO 8601 duration for 2004', () => {
  assert.equal(Core.time12(0), '0000:00:00.00');
  assert.equal(Core.time12(3930.456), '0001:05:30.46');
  assert.equal(Core.time12(1e9), '9999:59:59.99');
  assert.equal(Core.time2004(0), 'PT0S');
  assert.equal(Core.time2004(3930), 'PT1H5M30S');
  assert.equal(Core.time2004(7200), 'PT2H');
  assert.equal(Core.time2004(61.25), 'PT1M1.25S');
});

/* A course of `count` lessons, `per` questions each, with ids as long as the sample course's */
function bigCourse(count, per) {
  const lessons = [];
  for (let i = 0; i < count; i++) {
    const id = `bai-hoc-so-${String(i).padStart(3, '0')}-ky-nang`;
    const questions = [];
    for (let q = 0; q < per; q++) questions.push([`${id}-cau-hoi-${q}`, 1]);
    lessons.push([id, `c/${id}.html`, questions]);
  }
  return { complete: 'quiz', pass: 80, lessons };
}
function learned(outline) {
  const s = Store.fresh();
  for (const [id, , questions] of outline.lessons) {
    Store.visit(s, id, 1_700_000_000);
    Store.done(s, id, 1_700_000_000);
    for (const [question] of questions)
      Store.answer(
        s,
        { question, correct: true, points: 1, max: 1, answer: { choice: [2], text: 'đúng' } },
        1_700_000_000,
      );
  }
  s.last = outline.lessons[outline.lessons.length - 1][0];
  return s;
}
const AT = 1_700_086_400;

test('suspend data: the whole state when it fits, and it reads back the same', () => {
  const s = state(['a'], [['q1', true]], 'a');
  const text = Core.fitSuspend(Store, s, 'site', 'c', AT, 4096);
  assert.equal(text, JSON.stringify(s));
  assert.deepEqual(Core.readSuspend(Store, text, 'c'), Store.validate(s));
  assert.equal(Core.readSuspend(Store, '', 'c'), null);
  assert.equal(Core.readSuspend(Store, 'not json', 'c'), null);
});

test('suspend data: a 100-lesson course fits 4,096 characters with lessons done and scores kept', () => {
  const outline = bigCourse(100, 5);
  const s = learned(outline);
  const text = Core.fitSuspend(Store, s, 'site', 'c', AT, 4096);
  assert.ok(text.length > 0 && text.length <= 4096, `${text.length} characters`);
  const back = Core.readSuspend(Store, text, 'c', outline);
  const summary = Store.summary(back, outline);
  assert.equal(summary.done, 100);
  assert.equal(summary.score, 100);
  assert.equal(back.last, s.last);
});

test('suspend data: what cannot fit drops wrong answers and unfinished lessons first', () => {
  const outline = bigCourse(400, 5);
  const s = learned(outline);
  for (const [id] of outline.lessons.slice(200)) s.lessons[id].d = 0;
  for (const [, , questions] of outline.lessons.slice(200))
    for (const [question] of questions) s.answers[question].ok = false;
  const text = Core.fitSuspend(Store, s, 'site', 'c', AT, 4096);
  assert.ok(text.length <= 4096);
  const back = Core.readSuspend(Store, text, 'c', outline);
  const summary = Store.summary(back, outline);
  assert.ok(summary.done > 0);
  for (const id in back.lessons) assert.ok(back.lessons[id].d > 0, `${id} was done`);
  for (const id in back.answers) assert.ok(back.answers[id].ok, `${id} was right`);
  const kept = Core.fitSuspend(Store, s, 'site', 'c', AT, 64000);
  assert.equal(
    Store.summary(Core.readSuspend(Store, kept, 'c', outline), outline).done,
    200,
    '64k: all',
  );
});

test('suspend data: lean forms in order, each readable (whole, without answers, compact)', () => {
  const outline = bigCourse(20, 3);
  const s = learned(outline);
  const whole = JSON.stringify(s).length;
  assert.equal(Core.fitSuspend(Store, s, 'site', 'c', AT, whole), JSON.stringify(s));
  const lean = Core.fitSuspend(Store, s, 'site', 'c', AT, whole - 1);
  assert.ok(lean.length < whole && !lean.includes('"a":'), 'answers without their contents');
  assert.equal(Core.readSuspend(Store, lean, 'c').answers[outline.lessons[0][2][0][0]].p, 1);
  const code = Core.fitSuspend(Store, s, 'site', 'c', AT, lean.length - 1);
  assert.ok(JSON.parse(code).c, 'the compact code');
  assert.equal(Store.summary(Core.readSuspend(Store, code, 'c'), outline).done, 20);
  assert.equal(Core.readSuspend(Store, code, 'other'), null);
});

/* The figure the manual gives: the largest course (5 questions a lesson, every lesson done and every
   question right) whose lessons done and score still fit SCORM 1.2's 4,096 characters. */
test('suspend data: the largest course whose lessons done and score fit SCORM 1.2 (the manual says)', () => {
  let low = 1;
  let high = 2000;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const outline = bigCourse(mid, 5);
    const text = Core.fitSuspend(Store, learned(outline), 'site', 'c', AT, 4096);
    const back = text && Core.readSuspend(Store, text, 'c', outline);
    const summary = back && Store.summary(back, outline);
    if (summary && summary.done === mid && summary.score === 100) low = mid;
    else high = mid - 1;
  }
  process.stdout.write(`# largest course fitting SCORM 1.2 suspend_data: ${low} lessons\n`);
  assert.ok(low >= 100);
});

test('suspend data: the tagged form names ids, not positions, so a reordered course keeps them', () => {
  const outline = bigCourse(200, 5);
  const text = Core.fitSuspend(Store, learned(outline), 'site', 'c', AT, 4096);
  assert.equal(JSON.parse(text).h, 1, 'the tagged form');
  const reordered = { ...outline, lessons: [...outline.lessons].reverse() };
  const back = Core.readSuspend(Store, text, 'c', reordered);
  const again = Core.readSuspend(Store, text, 'c', outline);
  assert.deepEqual(Object.keys(back.lessons).sort(), Object.keys(again.lessons).sort());
  const other = bigCourse(3, 1);
  other.lessons[0][0] = 'not-in-the-saved-course';
  assert.equal(Object.keys(Core.readSuspend(Store, text, 'c', other).lessons).length, 2);
});
