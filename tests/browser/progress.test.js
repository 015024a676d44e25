// progress.test.js — one job: a learner's progress is remembered and shown, as a learner sees it in
// headless Chromium: answers restored after a reload, lessons marked done, course and home
// dashboards, the continue link, two sites on one origin, storage turned off or full, and the
// completion page, over HTTP and from file://. Answers arrive through the quiz → progress contract
// (`khoa:answer` events, `KhoaQuiz.restore`), so these tests stand on progress.js alone;
// quiz.test.js covers grading and learner-tools.test.js the learner's tools.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const { serveStatic, fileUrl, watchPage } = require('./harness');
const {
  fixtureSites,
  open,
  answer,
  pick,
  text,
  state,
  learn,
  checkDashboards,
} = require('./progress-site');

const sites = fixtureSites();

test('over HTTP under a sub-path: answers restored, lesson done, dashboards and continue link', async (t) => {
  const server = await serveStatic(sites['site-a'], { prefix: '/mirror/' });
  t.after(server.close);
  const { page } = await open(t);
  const watch = watchPage(page);
  await learn(page, server.url);
  await checkDashboards(page, server.url);
  watch.assertClean('HTTP progress');
});

test('from file://: the same progress is remembered', async (t) => {
  const { page } = await open(t);
  const watch = watchPage(page);
  const base = `${fileUrl(sites['site-a'])}/`;
  await learn(page, base);
  await checkDashboards(page, base);
  watch.assertClean('file:// progress');
});

test('real quiz answers are recorded with attempts and restored in the form after a reload', async (t) => {
  const { page } = await open(t);
  const watch = watchPage(page);
  const base = `${fileUrl(sites['site-a'])}/`;
  await page.goto(`${base}c1/m1/a.html`);
  await pick(page, 'Sai');
  assert.equal(await state(page), 'Trạng thái bài này: Đã xem', 'no score repeated in the box');
  assert.equal(await text(page.locator('.quiz-score')), 'Điểm bài học: 0/1');
  await pick(page, 'Đúng');
  assert.match(await state(page), /Đã học xong/);
  assert.equal(await text(page.locator('.quiz-score')), 'Điểm bài học: 1/1');
  await page.reload();
  const right = page.locator('.quiz-option', { hasText: 'Đúng' }).locator('input');
  assert.equal(await right.isChecked(), true, 'the form shows what the learner chose');
  assert.notEqual(await text(page.locator('.quiz-result')), '', 'and the graded result');
  const stored = await page.evaluate(() =>
    JSON.parse(localStorage.getItem('khoa:v1:site-a:default:c1')),
  );
  assert.equal(stored.answers.qa.n, 2, 'two attempts');
  assert.equal(stored.answers.qa.ok, true);
  watch.assertClean('real quiz');
});

test('two sites under /a/ and /b/ of one origin with the same course ids stay independent', async (t) => {
  const server = await serveStatic({ '/a/': sites['site-a'], '/b/': sites['site-b'] });
  t.after(server.close);
  const { page } = await open(t);
  await learn(page, server.urlFor('/a/'));
  await page.goto(`${server.urlFor('/b/')}c1/index.html`);
  assert.equal(await text(page.locator('main > .khoa-slot > .khoa-bar')), '0/3 bài · 0%');
  await page.goto(`${server.urlFor('/b/')}c1/m2/c.html`);
  await page.getByRole('button', { name: 'Đã học xong' }).click();
  await page.goto(`${server.urlFor('/b/')}c1/index.html`);
  await page.locator('.khoa-tools summary').click();
  await page.getByRole('button', { name: 'Xóa tiến độ khóa học này' }).click();
  assert.equal(
    await text(page.locator('main > .khoa-slot > .khoa-bar')),
    '0/3 bài · 0%',
    'reset after confirming',
  );
  await page.goto(`${server.urlFor('/a/')}c1/index.html`);
  assert.equal(
    await text(page.locator('main > .khoa-slot > .khoa-bar')),
    '2/3 bài · 66%',
    'site a is untouched',
  );
});

for (const choice of ['accept', 'dismiss']) {
  test(`resetting a course asks first, and ${choice === 'accept' ? 'clears only that course' : 'a No changes nothing'}`, async (t) => {
    const server = await serveStatic(sites['site-a']);
    t.after(server.close);
    const b = await open(t, null, choice);
    const { page } = b;
    await learn(page, server.url);
    await page.goto(`${server.url}c2/r1.html`);
    await page.getByRole('button', { name: 'Đã học xong' }).click();
    await page.goto(`${server.url}c1/index.html`);
    await page.locator('.khoa-tools summary').click();
    await page.getByRole('button', { name: 'Xóa tiến độ khóa học này' }).click();
    assert.equal(b.dialogs.length, 1, 'one confirmation');
    assert.match(b.dialogs[0], /Người học chính/, 'it names whose progress goes');
    const cleared = choice === 'accept';
    assert.equal(
      await text(page.locator('main > .khoa-slot > .khoa-bar')),
      cleared ? '0/3 bài · 0%' : '2/3 bài · 66%',
    );
    await page.reload();
    assert.equal(
      await text(page.locator('main > .khoa-slot > .khoa-bar')),
      cleared ? '0/3 bài · 0%' : '2/3 bài · 66%',
      'after a reload too',
    );
    await page.goto(`${server.url}c2/index.html`);
    assert.equal(
      await text(page.locator('main > .khoa-slot > .khoa-bar')),
      '1/1 bài · 100%',
      'the other course is kept',
    );
  });
}

test('persistent storage is requested where available', async (t) => {
  const server = await serveStatic(sites['site-a']);
  t.after(server.close);
  const { page } = await open(t, () => {
    window.__persist = 0;
    StorageManager.prototype.persist = () => {
      window.__persist++;
      return Promise.resolve(true);
    };
  });
  await page.goto(`${server.url}c1/m1/a.html`);
  assert.equal(await page.evaluate(() => window.__persist), 1, 'on a lesson page');
  await page.goto(`${server.url}index.html`);
  assert.equal(await page.evaluate(() => window.__persist), 1, 'on the home page');
});

test('storage turned off: one notice, and the lesson still works in memory', async (t) => {
  const server = await serveStatic(sites['site-a']);
  t.after(server.close);
  const { page } = await open(t, () => {
    window.__persist = 0;
    StorageManager.prototype.persist = () => Promise.resolve(window.__persist++);
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const watch = watchPage(page);
  await page.goto(`${server.url}c1/m1/a.html`);
  assert.equal(await page.locator('.khoa-notice').count(), 1);
  assert.match(await text(page.locator('.khoa-notice')), /không cho lưu tiến độ/);
  await pick(page, 'Đúng');
  assert.notEqual(await text(page.locator('.quiz-result')), '', 'the quiz still grades');
  assert.match(await state(page), /Đã học xong/);
  await page.goto(`${server.url}index.html`);
  assert.equal(await page.locator('.khoa-notice').count(), 1);
  assert.equal(
    await text(page.locator('article[data-course-id=c1] a.start-link')),
    'Bắt đầu: Khóa một',
  );
  await page.locator('.khoa-tools summary').click();
  assert.equal(
    await page.locator('.khoa-tools select, .khoa-tools input:not([type=file])').count(),
    0,
    'no learner switcher or name: changing learner reloads the page and would lose the session',
  );
  assert.equal(await page.getByRole('button', { name: /người học/i }).count(), 0);
  assert.equal(
    await page.getByRole('button', { name: 'Tạo mã tiến độ' }).count(),
    1,
    'the code the notice points to is there',
  );
  assert.equal(
    await page.evaluate(() => window.__persist),
    0,
    'no persistence asked of storage that is off',
  );
  watch.assertClean('no storage');
});

test('a full storage (quota exceeded on write) shows the notice and keeps the session going', async (t) => {
  const server = await serveStatic(sites['site-a']);
  t.after(server.close);
  const { page } = await open(t, () => {
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (!/probe$/.test(k)) throw new DOMException('full', 'QuotaExceededError');
      return real.call(this, k, v);
    };
  });
  const watch = watchPage(page);
  await page.goto(`${server.url}c1/m1/b.html`);
  assert.match(await text(page.locator('.khoa-notice')), /không cho lưu tiến độ/);
  await page.getByRole('button', { name: 'Đã học xong' }).click();
  assert.match(await state(page), /✓ Đã học xong/);
  assert.equal(await page.locator('.khoa-notice').count(), 1, 'one notice, not one per write');
  watch.assertClean('quota');
});

test('corrupt stored progress never breaks the page and is kept aside', async (t) => {
  const server = await serveStatic(sites['site-a']);
  t.after(server.close);
  const { page } = await open(t);
  const watch = watchPage(page);
  await page.goto(`${server.url}index.html`);
  await page.evaluate(() => localStorage.setItem('khoa:v1:site-a:default:c1', '{"v":999'));
  await page.goto(`${server.url}c1/m1/b.html`);
  await page.getByRole('button', { name: 'Đã học xong' }).click();
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.equal(keys.length, 2);
  assert.match(keys[1], /^khoa:v1:site-a:default:c1:corrupt:\d+$/);
  watch.assertClean('corrupt storage');
});

test('a lesson with headings named Main and Khoa data keeps one element per id and its progress', async (t) => {
  const server = await serveStatic(sites['site-a']);
  t.after(server.close);
  const { page } = await open(t);
  const watch = watchPage(page);
  await page.goto(`${server.url}c3/e1.html`);
  assert.deepEqual(
    await page.evaluate(() => [
      document.getElementById('main').tagName,
      document.getElementById('khoa-data').tagName,
    ]),
    ['H1', 'H2'],
    'the headings keep their ids',
  );
  const duplicates = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  assert.deepEqual(duplicates, [], 'one element per id');
  await page.getByRole('button', { name: 'Mark as done' }).click();
  assert.match(await state(page), /✓ Done/);
  await page.reload();
  assert.match(await state(page), /✓ Done/, 'progress is on for this lesson and remembered');
  watch.assertClean('khoa data heading');
});

test('the completion page appears only when every lesson is done and the score passes', async (t) => {
  const server = await serveStatic(sites['site-a']);
  t.after(server.close);
  const { page } = await open(t);
  const watch = watchPage(page);
  const base = server.url;
  await page.goto(`${base}c2/completion.html`);
  assert.equal(await page.locator('#_khoa-completion').isVisible(), false);
  assert.match(
    await text(page.locator('#_khoa-completion-missing')),
    /Còn 1 bài chưa học xong: Bài đọc/,
  );

  await page.goto(`${base}c2/r1.html`);
  await answer(page, 'qr', false);
  assert.doesNotMatch(await state(page), /✓/, 'complete: read — answers alone do not complete');
  await page.getByRole('button', { name: 'Đã học xong' }).click();
  await page.goto(`${base}c2/completion.html`);
  assert.equal(await page.locator('#_khoa-completion').isVisible(), false);
  assert.match(await text(page.locator('#_khoa-completion-missing')), /là 0%, cần ít nhất 80%/);
  await page.goto(`${base}c2/index.html`);
  assert.equal(await page.locator('.khoa-completion-link').count(), 0);

  await page.goto(`${base}c2/r1.html`);
  await answer(page, 'qr', true);
  await page.goto(`${base}c2/index.html`);
  await page.locator('.khoa-completion-link').click();
  await page.waitForURL(/c2\/completion\.html$/);
  assert.equal(await page.locator('#_khoa-completion-missing').isVisible(), false);
  await page.getByLabel('Tên của bạn').fill('Nguyễn Văn An');
  const cert = page.locator('.certificate');
  assert.equal(await text(cert.locator('#_khoa-certificate-name')), 'Nguyễn Văn An');
  assert.equal(await text(cert.locator('#_khoa-certificate-score')), '100%');
  assert.match(await text(cert.locator('#_khoa-certificate-date')), /\d/);
  assert.match(await text(cert), /Khóa hai/);
  assert.match(await text(cert), /tự tạo/, 'it says plainly that it is self-issued');
  await page.emulateMedia({ media: 'print' });
  assert.equal(
    await page.getByLabel('Tên của bạn').isVisible(),
    false,
    'the print version is the certificate alone',
  );
  assert.equal(await cert.isVisible(), true);
  watch.assertClean('completion');
});

test('page data carries what the runtime needs', () => {
  const dir = path.join(sites['site-a'], '_khoa/data');
  const outline = fs.readdirSync(dir).find((name) => /^c1\.[0-9a-f]{8}\.js$/.test(name));
  const data = fs.readFileSync(path.join(dir, outline), 'utf8');
  const sandbox = { self: {} };
  new Function('self', data)(sandbox.self);
  const c1 = sandbox.self.KhoaCourses.c1;
  assert.equal(c1.complete, 'quiz');
  assert.equal(c1.pass, 50);
  assert.deepEqual(
    c1.lessons.map((l) => [l[0], l[1]]),
    [
      ['a', 'c1/m1/a.html'],
      ['b', 'c1/m1/b.html'],
      ['c', 'c1/m2/c.html'],
    ],
  );
  assert.deepEqual(c1.lessons[0][2], [['qa', 1]], 'each lesson lists its questions and points');
});
