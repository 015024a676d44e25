// xapi.test.js — one job: a learner's records reach a real Learning Record Store (Ralph 5.1.0, see
// ralph.js) from a built site in headless Chromium: lesson, question and course statements as xAPI
// 1.0.3 read back through GET /xAPI/statements; learning offline, then online again, delivers each
// statement exactly once (a resent queue included); a failing LRS neither blocks learning nor is
// hammered.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');
const h = require('./harness');
const { freePort, startRalph } = require('./ralph');

const SITE = 'xapi-site';
const VERBS = 'http://adlnet.gov/expapi/verbs/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const fence = (attrs, body) => `\`\`\`quiz ${attrs}\n${body}\n\`\`\`\n\n`;
const lesson = (id, title, text) =>
  `---\ntitle: ${title}\nid: ${id}\ndescription: ${title}\n---\n${text}\n`;

function project(t, xapi) {
  const dir = h.makeProject(
    {
      'khoa.yaml': `title: Trang học\nlanguage: vi\nsite_id: ${SITE}\n${xapi}`,
      'content/c1/_index.md':
        '---\ntitle: Khóa một\nid: c1\ndescription: Một\npass: 80\n---\nGiới thiệu.\n',
      'content/c1/a.md': lesson(
        'a',
        'Bài A',
        `Nội dung bài A.\n\n${fence('id=qa', 'Câu A?\n\n- [x] Đúng\n- [ ] Sai')}${fence(
          'id=qn points=2',
          'Ba rưỡi là bao nhiêu?\n\n= 3.5 ± 0.1',
        )}`,
      ),
      'content/c1/b.md': lesson('b', 'Bài B', 'Bài đọc.'),
    },
    t,
  );
  h.buildSite(dir, path.join(dir, 'public'));
  return path.join(dir, 'public');
}

const text = async (locator) => ((await locator.textContent()) || '').replace(/\s+/g, ' ').trim();

async function answer(page, id, { choice, fill }) {
  const box = page.locator(`#_khoa-q-${id}`);
  if (choice) await box.locator('label', { hasText: choice }).click();
  if (fill !== undefined) await box.locator('input').fill(fill);
  await box.locator('.quiz-check').click();
  await box.locator('.quiz-result').waitFor();
  return text(box.locator('.quiz-result'));
}
const retry = (page, id) => page.locator(`#_khoa-q-${id} .quiz-retry`).click();

/** The statements queued in the page's storage, not yet delivered. */
const queued = (page) =>
  page.evaluate((site) => {
    const q = JSON.parse(localStorage.getItem(`khoa:xapi:v1:${site}:queue`) || '{"q":[]}');
    return q.q;
  }, SITE);

const verb = (s) => s.verb.id.slice(VERBS.length);
const mine = (all, actorName) => all.filter((s) => s.actor.account.name === actorName);

// One Ralph and one site for the file. Hooks registered from inside `before` would run as soon as it
// ends, so what they clean up is collected here and cleaned after the file.
const cleanups = [];
const fileScope = { after: (fn) => cleanups.push(fn) };
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});
let lrs;
let site;
before(async () => {
  const port = await freePort();
  const dir = project(
    fileScope,
    `xapi:\n  endpoint: http://127.0.0.1:${port}/xAPI\n  auth:\n    username: khoa-learner\n    password: write-key-for-tests\n`,
  );
  site = await h.serveStatic(dir);
  cleanups.push(() => site.close());
  lrs = await startRalph(fileScope, { port, origin: site.origin });
});

async function learnerActor(page) {
  let name = '';
  await h.waitUntil(async () => {
    name = await page.evaluate((site) => {
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (k.startsWith(`khoa:xapi:v1:${site}:`) && !k.endsWith(':queue'))
          return JSON.parse(localStorage.getItem(k)).anon;
      }
      return '';
    }, SITE);
    return name;
  }, 'the anonymous account id');
  return name;
}

async function arrived(actor, want, what) {
  let found = [];
  await h.waitUntil(
    async () => {
      found = mine(await lrs.statements(), actor);
      return want(found);
    },
    what,
    { timeout: 30_000, every: 300 },
  );
  return found;
}

test('a learner’s lesson, answers and course result reach Ralph as xAPI statements', async (t) => {
  const { page } = await h.launch(t);
  const watch = h.watchPage(page);
  await page.goto(`${site.url}c1/a.html`);
  const actor = await learnerActor(page);
  await arrived(actor, (s) => s.some((x) => verb(x) === 'initialized'), 'initialized arrives');

  assert.equal(await answer(page, 'qa', { choice: 'Sai' }), '✗ Chưa đúng');
  await retry(page, 'qa');
  assert.equal(await answer(page, 'qa', { choice: 'Đúng' }), '✓ Đúng');
  assert.equal(await answer(page, 'qn', { fill: '3,5' }), '✓ Đúng');
  await page.goto(`${site.url}c1/b.html`);
  await page.locator('button.khoa-done').click();

  const all = await arrived(
    actor,
    (s) => ['experienced', 'completed', 'passed'].every((v) => s.some((x) => verb(x) === v)),
    'experienced, completed and passed arrive',
  );
  const ids = all.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, 'no statement twice');
  for (const s of all) {
    assert.match(s.id, UUID);
    assert.match(s.timestamp, /^2\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(s.actor.account, { homePage: `${site.origin}/`, name: actor });
  }
  const of = (v) => all.filter((x) => verb(x) === v);
  assert.deepEqual(
    of('initialized')
      .map((s) => s.object.id)
      .sort(),
    [`${site.origin}/c1/a.html`, `${site.origin}/c1/b.html`],
  );
  const lessonA = of('initialized').find((s) => s.object.id.endsWith('a.html'));
  assert.equal(lessonA.object.definition.type, 'http://adlnet.gov/expapi/activities/lesson');
  assert.deepEqual(lessonA.object.definition.name, { 'vi-VN': 'Bài A' });
  assert.equal(lessonA.context.contextActivities.parent[0].id, `${site.origin}/c1/index.html`);
  const experienced = of('experienced').find((s) => s.object.id.endsWith('a.html'));
  assert.match(experienced.result.duration, /^PT(\d+M)?\d+(\.\d+)?S$/);

  const answered = of('answered');
  assert.equal(answered.length, 3);
  const qa = answered.filter((s) => s.object.id === `${site.origin}/c1/a.html#_khoa-q-qa`);
  assert.deepEqual(qa.map((s) => [s.result.success, s.result.response]).sort(), [
    [false, 'o1'],
    [true, 'o0'],
  ]);
  const definition = qa[0].object.definition;
  assert.equal(definition.type, 'http://adlnet.gov/expapi/activities/cmi.interaction');
  assert.equal(definition.interactionType, 'choice');
  assert.deepEqual(definition.correctResponsesPattern, ['o0']);
  assert.deepEqual(
    definition.choices.map((c) => c.description['vi-VN']),
    ['Đúng', 'Sai'],
  );
  assert.equal(qa[0].context.contextActivities.parent[0].id, `${site.origin}/c1/a.html`);
  const qn = answered.find((s) => s.object.id.endsWith('#_khoa-q-qn'));
  assert.deepEqual([qn.result.success, qn.result.response, qn.result.score.raw], [true, '3.5', 2]);
  assert.equal(qn.object.definition.interactionType, 'numeric');
  assert.deepEqual(qn.object.definition.correctResponsesPattern, ['3.4[:]3.6']);

  const [completed] = of('completed');
  const [passed] = of('passed');
  assert.equal(completed.object.id, `${site.origin}/c1/index.html`);
  assert.equal(completed.object.definition.type, 'http://adlnet.gov/expapi/activities/course');
  assert.deepEqual([passed.result.success, passed.result.score.scaled], [true, 1]);
  assert.equal(of('failed').length, 0);
  await h.waitUntil(async () => (await queued(page)).length === 0, 'the queue empties');
  watch.assertClean();
});

test('answers given offline arrive once the learner is online again, each exactly once', async (t) => {
  const { context, page } = await h.launch(t);
  const watch = h.watchPage(page, { ignore: [/ERR_INTERNET_DISCONNECTED/] });
  await page.goto(`${site.url}c1/a.html`);
  const actor = await learnerActor(page);
  await arrived(actor, (s) => s.length === 1, 'initialized arrives');

  await context.setOffline(true);
  assert.equal(await answer(page, 'qa', { choice: 'Sai' }), '✗ Chưa đúng', 'learning goes on');
  await retry(page, 'qa');
  assert.equal(await answer(page, 'qa', { choice: 'Đúng' }), '✓ Đúng');
  assert.equal(await answer(page, 'qn', { fill: '9' }), '✗ Chưa đúng');
  const waiting = await queued(page);
  assert.deepEqual(
    waiting.map(verb),
    ['answered', 'answered', 'answered', 'failed'],
    'queued in storage',
  );
  assert.equal(mine(await lrs.statements(), actor).length, 1, 'nothing sent while offline');

  await context.setOffline(false);
  const all = await arrived(actor, (s) => s.length === 5, 'the queued statements arrive');
  assert.deepEqual(
    waiting.map((s) => s.id).filter((id) => !all.some((x) => x.id === id)),
    [],
    'every offline statement arrived',
  );
  await h.waitUntil(async () => (await queued(page)).length === 0, 'the queue empties');

  // A copy of the queue sent again (another tab, a reply lost on the way back): Ralph already
  // holds each statement, so the resend is accepted and stores nothing twice.
  await page.evaluate(
    ({ site, q }) =>
      localStorage.setItem(`khoa:xapi:v1:${site}:queue`, JSON.stringify({ v: 1, q, n: 0, at: 0 })),
    { site: SITE, q: waiting },
  );
  await page.goto(`${site.url}c1/index.html`);
  await h.waitUntil(async () => (await queued(page)).length === 0, 'the resent queue empties');
  const again = await arrived(
    actor,
    (s) => s.some((x) => verb(x) === 'experienced'),
    'experienced',
  );
  const ids = again.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, 'every statement stored exactly once');
  assert.equal(ids.length, 6, 'the five, and the lesson left when the learner went on');
  watch.assertClean();
});

test('a failing LRS neither blocks learning nor is called again before its backoff', async (t) => {
  const port = await freePort();
  const dir = project(t, `xapi: { endpoint: 'http://127.0.0.1:${port}/xAPI/' }\n`);
  const server = await h.serveStatic(dir);
  t.after(() => server.close());
  const { context, page } = await h.launch(t, { serviceWorkers: 'block' });
  const posts = [];
  await context.route(`http://127.0.0.1:${port}/**`, (route) => {
    if (route.request().method() === 'POST') posts.push(Date.now());
    return route.fulfill({ status: 503, body: 'down' });
  });
  await page.goto(`${server.url}c1/a.html`);
  assert.equal(await answer(page, 'qa', { choice: 'Đúng' }), '✓ Đúng');
  assert.equal(await answer(page, 'qn', { fill: '3.5' }), '✓ Đúng');
  await page.waitForTimeout(4500); // observes the backoff itself: 2 s, then 4 s
  assert.ok(posts.length >= 2 && posts.length <= 3, `${posts.length} tries in 4.5 s`);
  assert.ok(posts[1] - posts[0] >= 1900, 'the second try waits');
  const held = await queued(page);
  assert.deepEqual(held.map(verb), ['initialized', 'answered', 'answered', 'passed']);
  assert.equal(await text(page.locator('.quiz-score')), 'Điểm bài học: 3/3');
  assert.ok(
    !fs.readFileSync(path.join(dir, 'c1/a.html'), 'utf8').includes(String(port)),
    'the endpoint lives in the script, not in each page',
  );
});
