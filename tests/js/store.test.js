// store.test.js — one job: the pure progress store (themes/default/static/js/store.js) keeps a
// learner's progress right: versioned format with migration, validation, recording, merge rules,
// the summary, and the text code with its checksum.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const S = require('../../themes/default/static/js/store.js');

const outline = {
  complete: 'quiz',
  pass: 80,
  lessons: [
    [
      'a',
      'c/a.html',
      [
        ['q1', 1],
        ['q2', 3],
      ],
    ],
    ['b', 'c/b.html', []],
  ],
};

test('migration runs each step up to the current version and rejects unknown versions', () => {
  const table = {
    1: (s) => ({ ...s, v: 2, lessons: { ...s.lessons, added: { f: 1, l: 1, d: 0 } } }),
  };
  const up = S.migrate({ v: 1, lessons: {}, answers: {} }, table, 2);
  assert.equal(up.v, 2);
  assert.ok(up.lessons.added, 'the v1 → v2 step ran');
  assert.equal(S.migrate({ v: 0, lessons: {} }, table, 2), null, 'no path from v0');
  assert.equal(S.migrate({ v: 999 }, table, 2), null, 'a future version is not guessed at');
  assert.equal(S.validate({ v: 999, lessons: {}, answers: {} }), null);
});

test('validate keeps well-formed entries and drops the rest', () => {
  const clean = S.validate({
    v: 1,
    lessons: { ok: { f: 1, l: 2, d: 3 }, bad: 'x', neg: { f: -5, l: 'no' } },
    answers: {
      q: { a: [1, 2], ok: true, n: 2, p: 1, m: 1, t: 9 },
      huge: { a: 'x'.repeat(5000), ok: true },
      z: 3,
    },
    last: 'ok',
    extra: '<script>',
  });
  assert.deepEqual(clean.lessons, { ok: { f: 1, l: 2, d: 3 }, neg: { f: 0, l: 0, d: 0 } });
  assert.deepEqual(clean.answers.q, { a: [1, 2], ok: true, n: 2, p: 1, m: 1, t: 9 });
  assert.equal(clean.answers.huge.a, undefined, 'an oversized answer is dropped, the result kept');
  assert.equal(clean.answers.z, undefined);
  assert.equal(clean.extra, undefined);
});

test('recording: visits, completion and answers with attempts', () => {
  let s = S.fresh();
  s = S.visit(s, 'a', 10);
  s = S.visit(s, 'a', 20);
  assert.deepEqual(s.lessons.a, { f: 10, l: 20, d: 0 });
  assert.equal(s.last, 'a');
  s = S.done(S.done(s, 'a', 30), 'a', 40);
  assert.equal(s.lessons.a.d, 30, 'the first completion stays');
  s = S.answer(s, { question: 'q1', answer: [0], correct: false, points: 0, max: 1 }, 50);
  s = S.answer(s, { question: 'q1', answer: [1], correct: true, points: 1, max: 1 }, 60);
  assert.deepEqual(s.answers.q1, { a: [1], ok: true, n: 2, p: 1, m: 1, t: 60 });
});

test('merge keeps the better answer, the earlier completion, the latest last lesson', () => {
  const mine = {
    v: 1,
    lessons: { a: { f: 5, l: 50, d: 40 }, b: { f: 1, l: 2, d: 0 } },
    answers: {
      q1: { a: 'x', ok: true, n: 1, p: 1, m: 1, t: 10 },
      q2: { a: 'w', ok: false, n: 4, p: 0, m: 1, t: 99 },
    },
    last: 'a',
  };
  const theirs = {
    v: 1,
    lessons: { a: { f: 3, l: 30, d: 20 }, b: { f: 2, l: 60, d: 55 }, gone: { f: 1, l: 1, d: 1 } },
    answers: {
      q1: { a: 'y', ok: false, n: 3, p: 0, m: 1, t: 90 },
      q2: { a: 'r', ok: true, n: 1, p: 1, m: 1, t: 5 },
    },
    last: 'b',
  };
  const m = S.merge(mine, theirs);
  assert.deepEqual(m.lessons.a, { f: 3, l: 50, d: 20 });
  assert.deepEqual(m.lessons.b, { f: 1, l: 60, d: 55 });
  assert.ok(m.lessons.gone, 'progress of a lesson that no longer exists is kept');
  assert.deepEqual(m.answers.q1, { a: 'x', ok: true, n: 3, p: 1, m: 1, t: 10 });
  assert.deepEqual(m.answers.q2, { a: 'r', ok: true, n: 4, p: 1, m: 1, t: 5 });
  assert.equal(m.last, 'b');
  assert.deepEqual(S.merge(m, m), m, 'merging twice changes nothing');
  assert.deepEqual(S.merge(mine, { v: 'junk' }), S.validate(mine), 'bad input wipes nothing');
});

test('summary: marks, percentages, score and the completion rule', () => {
  let s = S.fresh();
  assert.equal(S.summary(s, outline).complete, false);
  s = S.visit(s, 'a', 1);
  s = S.answer(s, { question: 'q1', answer: 1, correct: true, points: 1, max: 1 }, 2);
  s = S.answer(s, { question: 'q2', answer: 1, correct: false, points: 1, max: 3 }, 2);
  s = S.answer(s, { question: 'old', answer: 1, correct: true, points: 9, max: 9 }, 2);
  let r = S.summary(s, outline);
  assert.deepEqual(r.marks, { a: 'visited', b: '' });
  assert.equal(r.percent, 0);
  assert.equal(r.earned, 2, 'partial credit counts; a removed question does not');
  assert.equal(r.score, 50);
  s = S.done(S.done(s, 'a', 5), 'b', 7);
  r = S.summary(s, outline);
  assert.equal(r.percent, 100);
  assert.equal(r.complete, false, 'all done but the score is below the pass mark');
  s = S.answer(s, { question: 'q2', answer: 2, correct: true, points: 3, max: 3 }, 8);
  r = S.summary(s, outline);
  assert.equal(r.complete, true);
  assert.equal(r.finished, 7);
  assert.equal(
    S.summary(S.done(S.fresh(), 'b', 1), { pass: 80, lessons: [['b', 'b.html', []]] }).complete,
    true,
    'a course without questions completes on reading',
  );
  assert.equal(S.summary(s, { ...outline, pass: 101 }).complete, false);
});

/** A learner who finished `lessons` lessons of ids like the bench course (chuong-M/bai-N, bai-N-cau-K),
 *  a few a day, some questions right only at the second attempt. */
function finishedCourse(lessons) {
  let s = S.fresh();
  let t = 1767225600;
  for (let i = 1; i <= lessons; i++) {
    if (i % 5 === 0) t += 86400;
    const id = `chuong-${Math.ceil(i / 20)}/bai-${i}`;
    t += 600;
    s = S.visit(s, id, t);
    for (let k = 1; k <= 1 + (i % 2); k++) {
      const q = `bai-${i}-cau-${k}`;
      if (i % 7 === 0)
        s = S.answer(s, { question: q, answer: [1], correct: false, points: 0, max: 1 }, t);
      t += 30;
      s = S.answer(s, { question: q, answer: [0, 2], correct: true, points: 1, max: 1 }, t);
    }
    t += 60;
    s = S.done(s, id, t);
  }
  return s;
}

test('the text code keeps lessons, completion days, results and attempts, not answer contents', async () => {
  let state = S.visit(
    S.done(S.visit(S.fresh(), 'l1', 86400 * 100 + 5), 'l1', 86400 * 100 + 9),
    'l2',
    86400 * 102,
  );
  state = S.answer(
    state,
    { question: 'q-đúng', answer: 'Đúng rồi', correct: true, points: 1, max: 1 },
    1,
  );
  state = S.answer(
    S.answer(state, { question: 'q2', answer: [1], correct: false, points: 0, max: 1 }, 1),
    { question: 'q2', answer: [2], correct: false, points: 0, max: 1 },
    2,
  );
  const data = { ...S.exportData('site', 'Nguyễn Thị Ánh', { c: state }), at: 86400 * 103 };
  const code = await S.encode(data);
  assert.match(code, /^KHOA2Z\.[A-Za-z0-9_-]+\.[0-9a-z]+$/);
  const back = await S.decode(code);
  assert.equal(back.site, 'site');
  const c = S.validate(back.courses.c);
  assert.deepEqual(c.lessons, {
    l1: { f: 0, l: 86400 * 100.5, d: 86400 * 100.5 },
    l2: { f: 0, l: 86400 * 103, d: 0 },
  });
  assert.equal(c.last, 'l2', 'the last lesson visited, at export time');
  assert.deepEqual(
    c.answers['q-đúng'],
    { ok: true, n: 1, p: 0, m: 0, t: 0 },
    'no answer contents travel',
  );
  assert.deepEqual(c.answers.q2, { ok: false, n: 2, p: 0, m: 0, t: 0 });
  assert.deepEqual(
    await S.decode(code.replace(/(.{20})/g, '$1\n ')),
    back,
    'line breaks from a chat app are ignored',
  );
});

test('the text code has a checksum and an uncompressed form for browsers without CompressionStream', async () => {
  const data = S.exportData('site', '', { c: finishedCourse(30) });
  const code = await S.encode(data);
  const parts = code.split('.');
  const flipped = parts[1][5] === 'A' ? 'B' : 'A';
  const bad = [parts[0], parts[1].slice(0, 5) + flipped + parts[1].slice(6), parts[2]].join('.');
  await assert.rejects(S.decode(bad), /code/);
  await assert.rejects(S.decode('hello'), /code/);
  await assert.rejects(S.decode(`KHOA9.${parts[1]}.${parts[2]}`), /code/, 'an unknown version');
  assert.equal(S.crc32('123456789'), (0xcbf43926).toString(36), 'standard CRC-32');
  const saved = globalThis.CompressionStream;
  delete globalThis.CompressionStream;
  let plain;
  try {
    plain = await S.encode(data);
  } finally {
    globalThis.CompressionStream = saved;
  }
  assert.match(plain, /^KHOA2\./);
  assert.ok(plain.length > code.length, `deflate pays: ${code.length} < ${plain.length}`);
  assert.deepEqual(
    await S.decode(plain),
    await S.decode(code),
    'both forms decode to the same progress',
  );
});

test('the text code stays short: a few hundred characters for a course, well under 10,000 for 1,000 lessons', async () => {
  const course = await S.encode(S.exportData('site', '', { c: finishedCourse(20) }));
  assert.ok(course.length < 500, `20 lessons, 30 questions: ${course.length}`);
  const big = await S.encode(S.exportData('site', '', { bench: finishedCourse(1000) }));
  assert.ok(big.length < 5000, `1,000 lessons, 1,500 questions: ${big.length}`);
  const read = await S.readImport(big, 'site');
  assert.equal(Object.keys(read.courses.bench.lessons).length, 1000);
  assert.equal(Object.keys(read.courses.bench.answers).length, 1500);
  assert.equal(
    S.summary(read.courses.bench, {
      lessons: [['chuong-50/bai-1000', '', [['bai-1000-cau-1', 1]]]],
    }).complete,
    true,
  );
});

test('a code merges by the rules and keeps the answers this device has', async () => {
  let mine = S.answer(
    S.fresh(),
    { question: 'q1', answer: [0], correct: true, points: 1, max: 1 },
    50,
  );
  mine = S.answer(mine, { question: 'q2', answer: [3], correct: false, points: 0, max: 1 }, 60);
  mine = S.done(mine, 'l', 86400 * 10);
  let theirs = S.answer(
    S.fresh(),
    { question: 'q1', answer: [1], correct: false, points: 0, max: 1 },
    70,
  );
  theirs = S.answer(theirs, { question: 'q1', answer: [1], correct: false, points: 0, max: 1 }, 71);
  theirs = S.answer(theirs, { question: 'q2', answer: [2], correct: true, points: 1, max: 1 }, 80);
  theirs = S.done(theirs, 'l', 86400 * 5);
  const read = await S.readImport(await S.encode(S.exportData('site', '', { c: theirs })), 'site');
  const m = S.merge(mine, read.courses.c);
  assert.deepEqual(
    m.answers.q1,
    { a: [0], ok: true, n: 2, p: 1, m: 1, t: 50 },
    'the right answer and its contents stay',
  );
  assert.equal(m.answers.q2.ok, true, 'the better result comes in');
  assert.equal(
    m.answers.q2.a,
    undefined,
    'without contents: the form is not restored, the score counts',
  );
  assert.equal(m.lessons.l.d, 86400 * 5.5, 'the earlier completion (day precision)');
});

test('import reads a code or a JSON file, validates, and names what is wrong', async () => {
  const state = S.done(S.fresh(), 'l', 1);
  const data = S.exportData('site', 'An', { c: state, bad: { v: 7 } });
  assert.deepEqual(
    (await S.readImport(JSON.stringify(data, null, 2), 'site')).courses,
    { c: state },
    'the file keeps full detail',
  );
  assert.deepEqual(
    Object.keys((await S.readImport(await S.encode(data), 'site')).courses.c.lessons),
    ['l'],
  );
  await assert.rejects(S.readImport(await S.encode(data), 'other'), /site/);
  await assert.rejects(S.readImport('{"khoa":"progress"', 'site'), /format/);
  await assert.rejects(S.readImport('{"v":1}', 'site'), /format/);
  await assert.rejects(
    S.readImport(`KHOA2.bm90IGpzb24.${S.crc32('bm90IGpzb24')}`, 'site'),
    /format/,
    'a good checksum over junk',
  );
  await assert.rejects(
    S.readImport(JSON.stringify(S.exportData('site', '', { c: { v: 9 } })), 'site'),
    /empty/,
  );
});
