// progress.test.js — one job: a learner's progress is remembered, shown and movable, as a learner
// sees it in headless Chromium: answers restored after a reload, lessons marked done, course and home
// dashboards, the continue link, profiles, export → clear → import, two sites on one origin, storage
// turned off, and the completion page, over HTTP and from file://. Answers arrive through the
// quiz → progress contract (`khoa:answer` events, `KhoaQuiz.restore`), so these tests stand on
// progress.js alone; quiz.test.js covers grading.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { test, before, after } = require('node:test');
const { launch, serveStatic, fileUrl, watchPage, buildSite, tempDir } = require('./harness');

const quiz = (id, stem) => `\`\`\`quiz id=${id}\n${stem}\n\n- [x] Đúng\n- [ ] Sai\n\`\`\`\n`;
const lesson = (id, title, body = '') =>
  `---\ntitle: ${title}\nid: ${id}\ndescription: ${title}\n---\nNội dung ${title}.\n\n${body}`;

/** c1 completes by quiz (pass 50), c2 by reading (pass 80); c3 is in English on a Vietnamese site. */
function fixture(siteId) {
  return {
    'khoa.yaml': `title: Trang ${siteId}\nlanguage: vi\nsite_id: ${siteId}\n`,
    'content/c1/_index.md':
      '---\ntitle: Khóa một\nid: c1\npass: 50\ndescription: Một\n---\nGiới thiệu.\n',
    'content/c1/m1/_index.md': '---\ntitle: Chương một\n---\n',
    'content/c1/m1/a.md': lesson('a', 'Bài A', quiz('qa', 'Câu A?')),
    'content/c1/m1/b.md': lesson('b', 'Bài B'),
    'content/c1/m2/_index.md': '---\ntitle: Chương hai\n---\n',
    'content/c1/m2/c.md': lesson('c', 'Bài C'),
    'content/c2/_index.md':
      '---\ntitle: Khóa hai\nid: c2\ncomplete: read\ndescription: Hai\n---\nGiới thiệu.\n',
    'content/c2/r1.md': lesson('r1', 'Bài đọc', quiz('qr', 'Câu đọc?')),
    'content/c3/_index.md':
      '---\ntitle: English course\nid: c3\nlanguage: en\ndescription: Three\n---\nIntro.\n',
    // Headings whose slugs were once khoa's own ids (`main`, `khoa-data`): progress must still work.
    'content/c3/e1.md': lesson('e1', 'Lesson one', '# Main\n\n## Khoa data\n\nText.\n'),
  };
}

const sites = {};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'khoa-progress-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));
before(() => {
  for (const id of ['site-a', 'site-b']) {
    const project = path.join(work, id);
    for (const [rel, body] of Object.entries(fixture(id))) {
      fs.mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
      fs.writeFileSync(path.join(project, rel), body);
    }
    sites[id] = path.join(project, 'public');
    buildSite(project, sites[id]);
  }
});

// Records every KhoaQuiz.restore call (real quiz.js or, when it is absent, a stub) in __restored.
const RECORD_RESTORE = () => {
  let real;
  window.__restored = [];
  const wrap = (v) => {
    const inner = v?.restore;
    if (v)
      v.restore = (id, answer) => {
        window.__restored.push([id, answer]);
        return inner?.call(v, id, answer);
      };
    real = v;
  };
  Object.defineProperty(window, 'KhoaQuiz', { configurable: true, get: () => real, set: wrap });
  document.addEventListener('DOMContentLoaded', () => {
    if (!real) wrap({ restore() {}, questions: () => [] });
  });
};

/** `dialogs` answers confirm() and records its messages: 'accept' or 'dismiss'. */
async function open(t, init, dialogs = 'accept') {
  const b = await launch(t);
  await b.context.addInitScript(RECORD_RESTORE);
  if (init) await b.context.addInitScript(init);
  b.dialogs = [];
  b.page.on('dialog', (d) => {
    b.dialogs.push(d.message());
    return dialogs === 'accept' ? d.accept() : d.dismiss();
  });
  return b;
}

/** Answers a question the way quiz.js reports it. */
async function answer(page, question, correct) {
  await page.evaluate(
    ([q, ok]) => {
      const detail = {
        question: q,
        answer: ok ? [0] : [1],
        correct: ok,
        points: ok ? 1 : 0,
        max: 1,
      };
      document.dispatchEvent(new CustomEvent('khoa:answer', { detail }));
    },
    [question, correct],
  );
}

/** Answers with the real quiz.js: picks the option and presses the check button. */
async function pick(page, option) {
  const retry = page.locator('.quiz-retry');
  if (await retry.isVisible()) await retry.click();
  await page.locator('.quiz-option', { hasText: option }).locator('input').check();
  await page.locator('.quiz-check').click();
}

const text = async (loc) => (await loc.textContent()).replace(/\s+/g, ' ').trim();
const state = (page) => text(page.locator('.khoa-lesson-state'));

/** The learner's whole path through c1; `base` is the URL of the site's folder. */
async function learn(page, base) {
  await page.goto(`${base}c1/m1/a.html`);
  assert.match(await state(page), /Đã xem/);
  await answer(page, 'qa', false);
  assert.match(await state(page), /Điểm câu hỏi: 0\/1/);
  await answer(page, 'qa', true);
  assert.match(await state(page), /Đã học xong/, 'all questions right completes the lesson');
  await page.reload();
  assert.deepEqual(
    await page.evaluate(() => window.__restored),
    [['qa', [0]]],
    'the answer is restored',
  );
  assert.match(await state(page), /Đã học xong.*1\/1/);

  await page.goto(`${base}c1/m1/b.html`);
  await page.getByRole('button', { name: 'Đã học xong' }).click();
  assert.match(await state(page), /✓ Đã học xong/);
  assert.equal(await page.getByRole('button', { name: 'Đã học xong' }).count(), 0);
}

async function checkDashboards(page, base) {
  await page.goto(`${base}c1/index.html`);
  assert.equal(await text(page.locator('main > .khoa-bar')), '2/3 bài · 66%');
  const marks = await page
    .locator('li.lesson-item')
    .evaluateAll((lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
  assert.deepEqual(marks, ['✓Bài A (Đã học xong)', '✓Bài B (Đã học xong)', '○Bài C (Chưa học)']);
  const modules = await page.locator('section.module .khoa-bar').allTextContents();
  assert.deepEqual(modules, ['2/2 bài · 100%', '0/1 bài · 0%']);
  const go = page.locator('.course-actions a.start-link');
  assert.equal(await text(go), 'Tiếp tục học');
  assert.equal(await go.getAttribute('href'), '../c1/m1/b.html');
  assert.equal(await page.locator('.khoa-completion-link').count(), 0, 'c is not done yet');

  await page.goto(`${base}index.html`);
  const c1 = page.locator('article[data-course-id=c1]');
  assert.equal(await text(c1.locator('.khoa-bar')), '2/3 bài · 66%');
  assert.equal(await text(c1.locator('a.start-link')), 'Tiếp tục học');
  await c1.locator('a.start-link').click();
  await page.waitForURL(/c1\/m1\/b\.html$/);
  await page.goto(`${base}index.html`);
  const c2 = page.locator('article[data-course-id=c2]');
  assert.equal(await text(c2.locator('a.start-link')), 'Bắt đầu', 'a course not begun says start');
  assert.equal(await text(c2.locator('.khoa-bar')), '0/1 bài · 0%');
  const c3 = page.locator('article[data-course-id=c3] a.start-link');
  assert.equal(await text(c3), 'Start', "a course not begun keeps its own language's start text");
  const c3bar = page.locator('article[data-course-id=c3] .khoa-bar');
  assert.match(
    await text(c3bar),
    /^0\/\d+ lessons · 0%$/,
    'an English course card counts in English on a Vietnamese site',
  );
}

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
  assert.match(await state(page), /Đã xem.*0\/1/);
  await pick(page, 'Đúng');
  assert.match(await state(page), /Đã học xong.*1\/1/);
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

test('two profiles on one phone keep separate progress', async (t) => {
  const server = await serveStatic(sites['site-a']);
  t.after(server.close);
  const { page } = await open(t);
  await learn(page, server.url);
  await page.goto(`${server.url}index.html`);
  assert.equal(
    await page.locator('.site-header select').count(),
    0,
    'one profile: no switcher in the way',
  );
  await page.locator('.khoa-tools summary').click();
  await page.getByLabel('Tên người học').fill('Bình');
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Thêm người học' }).click(),
  ]);
  const who = page.locator('.site-header select');
  assert.deepEqual(await who.locator('option').allTextContents(), ['Người học chính', 'Bình']);
  assert.equal(await text(page.locator('article[data-course-id=c1] .khoa-bar')), '0/3 bài · 0%');
  await page.goto(`${server.url}c1/m2/c.html`);
  await page.getByRole('button', { name: 'Đã học xong' }).click();
  await page.goto(`${server.url}index.html`);
  assert.equal(await text(page.locator('article[data-course-id=c1] .khoa-bar')), '1/3 bài · 33%');
  await Promise.all([page.waitForEvent('load'), who.selectOption({ label: 'Người học chính' })]);
  assert.equal(await text(page.locator('article[data-course-id=c1] .khoa-bar')), '2/3 bài · 66%');
  await page.locator('.khoa-tools summary').click();
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Xóa người học này' }).click(),
  ]);
  assert.equal(await page.locator('.site-header select').count(), 0, 'back to a single profile');
});

/** Stored progress of every course; `brief` keeps only what a text code carries. */
const dump = (page, brief) =>
  page.evaluate((brief) => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (/:c\d$/.test(k)) {
        const v = JSON.parse(localStorage.getItem(k));
        for (const l of Object.values(v.lessons)) delete l.l; // visiting the home page again is not progress
        if (brief) {
          for (const l of Object.values(v.lessons)) out[`${k} ${l.d ? 'done' : 'visited'}`] = 1;
          for (const [q, a] of Object.entries(v.answers)) out[`${k} ${q}`] = [a.ok, a.n];
          out[`${k} last`] = v.last;
        } else out[k] = v;
      }
    }
    return out;
  }, brief);

test('export as a code and a file, clear storage, import: the same state', async (t) => {
  const server = await serveStatic(sites['site-a']);
  t.after(server.close);
  const { page } = await open(t);
  await learn(page, server.url);
  await page.goto(`${server.url}c1/index.html`);
  const before = await dump(page);
  assert.equal(Object.keys(before).length, 1);
  await page.locator('.khoa-tools summary').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải tệp tiến độ (JSON)' }).click(),
  ]);
  const file = path.join(tempDir(t), 'progress.json');
  await download.saveAs(file);
  await page.getByRole('button', { name: 'Tạo mã tiến độ' }).click();
  await page.waitForFunction(() => document.querySelector('#_khoa-code').value !== ''); // compression is async
  const code = await page.locator('#_khoa-code').inputValue();
  assert.match(code, /^KHOA2Z\./, 'deflated where the browser can');
  assert.ok(code.length < 200, `a chat-sized code: ${code.length}`);
  const brief = await dump(page, true);

  for (const how of ['code', 'file']) {
    await page.evaluate(() => localStorage.clear()); // the learner wipes the browser; the site never does
    await page.reload();
    assert.equal(await text(page.locator('main > .khoa-bar')), '0/3 bài · 0%');
    await page.locator('.khoa-tools summary').click();
    if (how === 'code') {
      await page.locator('#_khoa-import').fill(`${code.slice(0, 10)}X${code.slice(11)}`);
      await page.getByRole('button', { name: 'Nhập tiến độ' }).click();
      assert.match(await text(page.locator('.khoa-import-result')), /Mã không đúng/);
      assert.deepEqual(await dump(page), {}, 'a bad code changes nothing');
      await page.locator('#_khoa-import').fill(code.replace(/(.{30})/g, '$1\n'));
      await page.getByRole('button', { name: 'Nhập tiến độ' }).click();
    } else {
      await page.locator('.khoa-tools input[type=file]').setInputFiles(file);
    }
    await page.locator('.khoa-import-result', { hasText: 'Đã nhập' }).waitFor();
    assert.match(
      await text(page.locator('.khoa-import-result')),
      /1 khóa học \(2 bài, 1 câu trả lời\)/,
    );
    assert.equal(
      await text(page.locator('main > .khoa-bar')),
      '2/3 bài · 66%',
      `${how}: the dashboard updates`,
    );
    if (how === 'file')
      assert.deepEqual(await dump(page), before, 'file: the same state after import');
    else
      assert.deepEqual(
        await dump(page, true),
        brief,
        'code: the same lessons, results and attempts',
      );
  }
});

test('two sites under /a/ and /b/ of one origin with the same course ids stay independent', async (t) => {
  const server = await serveStatic({ '/a/': sites['site-a'], '/b/': sites['site-b'] });
  t.after(server.close);
  const { page } = await open(t);
  await learn(page, server.urlFor('/a/'));
  await page.goto(`${server.urlFor('/b/')}c1/index.html`);
  assert.equal(await text(page.locator('main > .khoa-bar')), '0/3 bài · 0%');
  await page.goto(`${server.urlFor('/b/')}c1/m2/c.html`);
  await page.getByRole('button', { name: 'Đã học xong' }).click();
  await page.goto(`${server.urlFor('/b/')}c1/index.html`);
  await page.locator('.khoa-tools summary').click();
  await page.getByRole('button', { name: 'Xóa tiến độ khóa học này' }).click();
  assert.equal(
    await text(page.locator('main > .khoa-bar')),
    '0/3 bài · 0%',
    'reset after confirming',
  );
  await page.goto(`${server.urlFor('/a/')}c1/index.html`);
  assert.equal(
    await text(page.locator('main > .khoa-bar')),
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
      await text(page.locator('main > .khoa-bar')),
      cleared ? '0/3 bài · 0%' : '2/3 bài · 66%',
    );
    await page.reload();
    assert.equal(
      await text(page.locator('main > .khoa-bar')),
      cleared ? '0/3 bài · 0%' : '2/3 bài · 66%',
      'after a reload too',
    );
    await page.goto(`${server.url}c2/index.html`);
    assert.equal(
      await text(page.locator('main > .khoa-bar')),
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
  assert.match(await state(page), /Đã học xong.*1\/1/);
  await page.goto(`${server.url}index.html`);
  assert.equal(await page.locator('.khoa-notice').count(), 1);
  assert.equal(await text(page.locator('article[data-course-id=c1] a.start-link')), 'Bắt đầu');
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

test('the name typed on the completion page is kept per profile and shown as text', async (t) => {
  const server = await serveStatic(sites['site-a']);
  t.after(server.close);
  const { page } = await open(t);
  const base = server.url;
  await page.goto(`${base}c2/r1.html`);
  await answer(page, 'qr', true);
  await page.getByRole('button', { name: 'Đã học xong' }).click();
  await page.goto(`${base}c2/completion.html`);
  const name = page.getByLabel('Tên của bạn');
  await name.fill('<b>Trần Thị Ân</b>');
  await name.press('Tab');
  await page.reload();
  assert.equal(await name.inputValue(), '<b>Trần Thị Ân</b>', 'typed once, kept after a reload');
  const shown = page.locator('#_khoa-certificate-name');
  assert.equal(await shown.textContent(), '<b>Trần Thị Ân</b>');
  assert.equal(await shown.locator('b').count(), 0, 'inserted as text, never as markup');
  const saved = await page.evaluate(() =>
    JSON.parse(localStorage.getItem('khoa:v1:site-a:profiles')),
  );
  assert.deepEqual(
    saved.list,
    [{ id: 'default', name: '', full: '<b>Trần Thị Ân</b>' }],
    'kept in the learner profile',
  );
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
