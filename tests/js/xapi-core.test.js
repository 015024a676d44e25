// xapi-core.test.js — one job: the pure side of xAPI learning records (xapi-core.js): statements
// as xAPI 1.0.3 and Ralph read them, question definitions, course verbs, the queue and its backoff.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const X = require('../../themes/default/static/js/xapi-core.js');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const statement = (id) => ({ id, verb: X.verb('answered') });

test('uuid: a version 4 UUID from 16 random bytes, different bytes give different ids', () => {
  const ones = X.uuid(new Uint8Array(16).fill(255));
  const zeros = X.uuid(new Uint8Array(16));
  assert.match(ones, UUID);
  assert.match(zeros, UUID);
  assert.equal(zeros, '00000000-0000-4000-8000-000000000000');
  assert.notEqual(ones, zeros);
});

test('statement: id, ADL verb with en and vi display, timestamp, parent and grouping', () => {
  const course = X.activity('https://s.example/c/', 'course', 'Khóa', 'vi');
  const lesson = X.activity('https://s.example/c/l.html', 'lesson', 'Bài 1', 'vi');
  const actor = X.agent('anonymous', 'https://s.example/', { name: 'An', anon: 'r4nd' });
  const s = X.statement({
    id: 'id-1',
    actor,
    verb: 'initialized',
    object: lesson,
    parent: course,
    course,
    lang: 'vi',
    time: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
  });
  assert.equal(s.id, 'id-1');
  assert.equal(s.timestamp, '2026-01-02T03:04:05.006Z');
  assert.deepEqual(s.verb, {
    id: 'http://adlnet.gov/expapi/verbs/initialized',
    display: { 'en-US': 'initialized', 'vi-VN': 'đã bắt đầu' },
  });
  assert.deepEqual(s.actor, {
    objectType: 'Agent',
    account: { homePage: 'https://s.example/', name: 'r4nd' },
  });
  assert.equal(s.object.definition.type, 'http://adlnet.gov/expapi/activities/lesson');
  assert.deepEqual(s.object.definition.name, { 'vi-VN': 'Bài 1' });
  assert.deepEqual(s.context.contextActivities.parent, [course]);
  assert.equal(s.context.contextActivities.grouping, undefined, 'the parent is the course');
  assert.equal(s.context.language, 'vi-VN');
  assert.equal('result' in s, false);
  const named = X.agent('profile-name', 'https://s.example/', { name: 'An', anon: 'r4nd' });
  assert.deepEqual(named.account, { homePage: 'https://s.example/', name: 'An' });
  assert.equal(named.name, 'An');
});

test('duration: ISO 8601 at a hundredth of a second', () => {
  assert.equal(X.duration(0), 'PT0S');
  assert.equal(X.duration(12345), 'PT12.35S');
  assert.equal(X.duration(3723000), 'PT1H2M3S');
});

test('choice questions: choices with their text, the right ones as the pattern, the response', () => {
  const q = {
    type: 'multiple',
    key: { type: 'multiple', correct: [0, 2] },
    choices: ['a', 'b', 'c'],
  };
  const d = X.interaction({ ...q, stem: 'Which?' }, 'en');
  assert.equal(d.interactionType, 'choice');
  assert.deepEqual(d.correctResponsesPattern, ['o0[,]o2']);
  assert.deepEqual(d.choices[1], { id: 'o1', description: { 'en-US': 'b' } });
  assert.deepEqual(d.description, { 'en-US': 'Which?' });
  assert.equal(X.response(q, [2, 0]), 'o2[,]o0');
  assert.equal(X.response({ type: 'single' }, 1), 'o1');
});

test('text, number, order, match and gaps map to fill-in, numeric, sequencing, matching', () => {
  const text = X.interaction({ type: 'text', key: { answers: ['hai', '2'] } });
  assert.equal(text.interactionType, 'fill-in');
  assert.deepEqual(text.correctResponsesPattern, [
    '{case_matters=false}hai',
    '{case_matters=false}2',
  ]);
  const number = X.interaction({
    type: 'number',
    key: {
      numbers: [
        [3.5, 0.1],
        [7, 0],
      ],
    },
  });
  assert.equal(number.interactionType, 'numeric');
  assert.deepEqual(number.correctResponsesPattern, ['3.4[:]3.6', '7']);
  assert.equal(X.response({ type: 'number' }, ' 3,5 '), '3.5');
  const order = X.interaction({ type: 'order', key: { count: 3 }, choices: ['x', 'y', 'z'] });
  assert.equal(order.interactionType, 'sequencing');
  assert.deepEqual(order.correctResponsesPattern, ['i0[,]i1[,]i2']);
  assert.equal(X.response({ type: 'order' }, [2, 0, 1]), 'i2[,]i0[,]i1');
  const match = X.interaction({
    type: 'match',
    key: { correct: [1, 0] },
    choices: ['l0', 'l1'],
    targets: ['r0', 'r1'],
  });
  assert.equal(match.interactionType, 'matching');
  assert.deepEqual(match.correctResponsesPattern, ['l0[.]r1[,]l1[.]r0']);
  assert.equal(match.target.length, 2);
  assert.equal(X.response({ type: 'match' }, [1, null]), 'l0[.]r1');
  const gapQ = {
    type: 'gaps',
    key: { gaps: [{ answers: ['Hà Nội'] }, { choice: 1 }] },
    gaps: [[], ['a', 'b']],
  };
  assert.deepEqual(X.interaction(gapQ).correctResponsesPattern, ['{case_matters=false}Hà Nội[,]b']);
  assert.equal(X.response(gapQ, ['ha noi', '0']), 'ha noi[,]a');
  const unread = { type: 'gaps', key: { gaps: [{ choice: 1 }] } };
  assert.equal('correctResponsesPattern' in X.interaction(unread), false, 'no guess');
});

test('answered: success, response and a scaled score', () => {
  const q = { type: 'single' };
  const r = X.answered(q, { question: 'q', answer: 2, correct: false, points: 0, max: 2 });
  assert.deepEqual(r, {
    success: false,
    response: 'o2',
    score: { raw: 0, min: 0, max: 2, scaled: 0 },
  });
  assert.equal(X.answered(q, { answer: 1, correct: true, points: 2, max: 2 }).score.scaled, 1);
});

test('course verbs: completed once, passed or failed once every question is answered', () => {
  const done = { total: 2, done: 2, passed: true, score: 90, max: 10 };
  assert.deepEqual(X.courseVerbs(done, true, true, {}), ['completed', 'passed']);
  assert.deepEqual(X.courseVerbs(done, true, true, { c: 1, r: 'passed' }), []);
  const half = { total: 2, done: 1, passed: false, score: 40, max: 10 };
  assert.deepEqual(X.courseVerbs(half, false, true, {}), [], 'nothing is over yet');
  assert.deepEqual(X.courseVerbs(half, true, true, {}), ['failed']);
  assert.deepEqual(X.courseVerbs(half, true, true, { r: 'failed' }), [], 'failed once');
  assert.deepEqual(X.courseVerbs(done, true, true, { r: 'failed' }), ['completed', 'passed']);
  assert.deepEqual(X.courseVerbs(half, true, true, { r: 'passed' }), [], 'never back to failed');
  assert.deepEqual(X.courseVerbs(done, true, false, {}), ['completed'], 'a reading course');
  const result = X.courseResult('passed', done);
  assert.deepEqual(result, {
    completion: true,
    success: true,
    score: { raw: 90, min: 0, max: 100, scaled: 0.9 },
  });
  assert.equal('success' in X.courseResult('completed', done), false);
});

test('queue: unreadable storage is an empty queue; past the bound the oldest go, counted', () => {
  for (const bad of [null, 'x', { v: 2, q: [] }, { v: 1, q: 'no' }]) {
    assert.deepEqual(X.readQueue(bad).q, []);
  }
  const read = X.readQueue({ v: 1, q: [statement('a'), 7, { no: 'id' }], n: 2, at: 5 });
  assert.deepEqual(
    read.q.map((s) => s.id),
    ['a'],
  );
  assert.equal(read.lost, 2);
  assert.equal(read.n, 2);
  const q = X.enqueue(X.readQueue(null), ['a', 'b', 'c'].map(statement), 2);
  assert.deepEqual(
    q.q.map((s) => s.id),
    ['b', 'c'],
  );
  assert.equal(q.lost, 1);
  const big = X.enqueue(
    X.readQueue(null),
    Array.from({ length: X.MAX_QUEUE + 3 }, (_, i) => statement(`s${i}`)),
  );
  assert.equal(big.q.length, X.MAX_QUEUE);
});

test('outcome: 2xx sent; 409 alone already delivered, 400 alone dropped, either for many splits; the rest retried', () => {
  assert.equal(X.outcome(200, 3), 'sent');
  assert.equal(X.outcome(204, 3), 'sent');
  assert.equal(X.outcome(409, 1), 'sent');
  assert.equal(X.outcome(409, 2), 'split');
  assert.equal(X.outcome(400, 1), 'dropped');
  assert.equal(X.outcome(400, 2), 'split', 'one bad statement never costs the others');
  for (const status of [0, 401, 403, 404, 429, 500, 503])
    assert.equal(X.outcome(status, 1), 'retry');
});

test('backoff: doubling from 2 s, capped at 5 min, with jitter; nothing sent while it runs', () => {
  assert.equal(X.delay(1, 0), 2000);
  assert.equal(X.delay(2, 0), 4000);
  assert.equal(X.delay(3, 0.5), 8800);
  assert.equal(X.delay(30, 0), 300000);
  let q = X.enqueue(X.readQueue(null), ['a', 'b'].map(statement));
  q = X.settle(q, ['a'], 'retry', 1000, 0);
  assert.equal(q.n, 1);
  assert.equal(q.at, 3000);
  assert.deepEqual(X.batch(q, 2999), []);
  assert.deepEqual(
    X.batch(q, 3000).map((s) => s.id),
    ['a', 'b'],
  );
  assert.equal(X.batch(q, 3000, true).length, 1, 'one at a time after a split');
  q = X.settle(q, ['a'], 'sent', 4000, 0);
  assert.deepEqual(
    q.q.map((s) => s.id),
    ['b'],
  );
  assert.equal(q.n, 0);
  assert.equal(q.at, 0);
  q = X.settle(q, ['b'], 'dropped', 5000, 0);
  assert.equal(q.q.length, 0);
  assert.equal(q.lost, 1);
});

test('batch: at most 20 statements per request, oldest first', () => {
  const q = X.enqueue(
    X.readQueue(null),
    Array.from({ length: 25 }, (_, i) => statement(`s${i}`)),
  );
  const first = X.batch(q, 0);
  assert.equal(first.length, 20);
  assert.equal(first[0].id, 's0');
});
