// progress-site.js — one job: what the progress tests share: the fixture sites (three courses, two
// site ids), a browser that records KhoaQuiz.restore calls and answers dialogs, and a learner's
// moves (answer, pick, learn) with the state they read back.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { before, after } = require('node:test');
const { launch, buildSite } = require('./harness');

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

/** Builds site-a and site-b (the fixture with two site ids) before the file's tests, removed after;
 * returns their output folders by id, filled in once built. */
function fixtureSites() {
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
  return sites;
}

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
  assert.match(await state(page), /Đã xem/);
  assert.doesNotMatch(await state(page), /\d\/\d/, "the score is the quiz's, not repeated here");
  await answer(page, 'qa', true);
  assert.match(await state(page), /Đã học xong/, 'all questions right completes the lesson');
  await page.reload();
  assert.deepEqual(
    await page.evaluate(() => window.__restored),
    [['qa', [0]]],
    'the answer is restored',
  );
  assert.match(await state(page), /Đã học xong/);

  await page.goto(`${base}c1/m1/b.html`);
  await page.getByRole('button', { name: 'Đã học xong' }).click();
  assert.match(await state(page), /✓ Đã học xong/);
  assert.equal(await page.getByRole('button', { name: 'Đã học xong' }).count(), 0);
}

async function checkDashboards(page, base) {
  await page.goto(`${base}c1/index.html`);
  assert.equal(await text(page.locator('main > .khoa-slot > .khoa-bar')), '2/3 bài · 66%');
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
  assert.equal(
    await text(c1.locator('a.start-link')),
    'Tiếp tục học: Khóa một',
    'the course name follows for screen readers and crawlers',
  );
  await c1.locator('a.start-link').click();
  await page.waitForURL(/c1\/m1\/b\.html$/);
  await page.goto(`${base}index.html`);
  const c2 = page.locator('article[data-course-id=c2]');
  assert.equal(
    await text(c2.locator('a.start-link')),
    'Bắt đầu: Khóa hai',
    'a course not begun says start',
  );
  assert.equal(await text(c2.locator('.khoa-bar')), '0/1 bài · 0%');
  const c3 = page.locator('article[data-course-id=c3] a.start-link');
  assert.equal(
    await text(c3),
    'Start: English course',
    "a course not begun keeps its own language's start text",
  );
  const c3bar = page.locator('article[data-course-id=c3] .khoa-bar');
  assert.match(
    await text(c3bar),
    /^0\/\d+ lessons · 0%$/,
    'an English course card counts in English on a Vietnamese site',
  );
}

module.exports = {
  quiz,
  lesson,
  fixture,
  fixtureSites,
  open,
  answer,
  pick,
  text,
  state,
  learn,
  checkDashboards,
};
