// quiz.test.js — one job: a learner answers every quiz type in headless Chromium: right and wrong,
// feedback, explanation, retry, hints, the lesson score, a whole quiz with the keyboard only, one
// question from file://, the no-JavaScript reveal, and the KhoaQuiz contract used by progress.js.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, before, after } = require('node:test');
const { launch, serveStatic, fileUrl, watchPage, buildSite, axeViolations } = require('./harness');

const fence = (attrs, body) => `\`\`\`quiz ${attrs}\n${body}\n\`\`\`\n\n`;
const LESSON = [
  '---\ntitle: Bài kiểm tra\nid: bai\ndescription: Mọi loại câu hỏi\n---\nĐọc kỹ rồi trả lời.\n\n',
  fence(
    'id=q-single',
    'Câu một?\n\n[[?]] Gợi ý một.\n\n[[?]] Gợi ý hai.\n\n- [ ] Sai một\n  > Phản hồi sai.\n- [x] Đúng một\n- [ ] Sai hai\n\nGiải thích một.',
  ),
  fence('id=q-multi', 'Chọn hết các câu đúng.\n\n- [x] A đúng\n- [x] B đúng\n- [ ] C sai'),
  fence('id=q-text fold=true', 'Từ bí mật để đăng nhập là gì?\n\n= mật khẩu'),
  fence('id=q-num points=2', 'Ba rưỡi là bao nhiêu?\n\n= 3.5 ± 0.1'),
  fence('id=q-order type=order', 'Đếm theo thứ tự.\n\n1. Một\n2. Hai\n3. Ba'),
  fence(
    'id=q-match type=match',
    'Ghép số với việc.\n\n- 113 -> Công an\n- 114 -> Cứu hỏa\n- -> Cấp cứu',
  ),
  fence('id=q-gaps', 'Ứng dụng là [[VNeID]], tài khoản mức [[1|(2)]].'),
].join('');
const TOTAL = 8;

const FILES = {
  'khoa.yaml': 'title: Trắc nghiệm\nlanguage: vi\nsite_id: quiz-test\n',
  'content/c/_index.md': '---\ntitle: Khóa\nid: c\ndescription: Khóa thử\n---\nGiới thiệu.\n',
  'content/c/bai.md': LESSON,
};

// The fixture lives for the whole file (a temp folder made here, removed in `after`).
let dir;
let out;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khoa-quiz-'));
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  out = path.join(dir, 'public');
  buildSite(dir, out);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const RECORD = () => {
  window.__answers = [];
  document.addEventListener('khoa:answer', (e) => window.__answers.push(e.detail));
};

async function openLesson(t, viaFile) {
  const b = await launch(t);
  await b.context.addInitScript(RECORD);
  const watch = watchPage(b.page);
  let url;
  if (viaFile) url = fileUrl(path.join(out, 'c', 'bai.html'));
  else {
    const server = await serveStatic(out, { prefix: '/khoa/' });
    t.after(() => server.close());
    url = `${server.urlFor('/khoa/')}c/bai.html`;
  }
  await b.page.goto(url);
  await b.page.locator('.quiz-score').waitFor();
  return { page: b.page, watch };
}

const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
const q = (page, id) => page.locator(`#_khoa-q-${id}`);
const result = async (page, id) => squash(await q(page, id).locator('.quiz-result').textContent());
const score = async (page) => squash(await page.locator('.quiz-score').textContent());
const lastAnswer = (page) => page.evaluate(() => window.__answers[window.__answers.length - 1]);

async function check(page, id, expectRight) {
  await q(page, id).locator('.quiz-check').click();
  const text = await result(page, id);
  assert.equal(text, expectRight ? '✓ Đúng' : '✗ Chưa đúng', `${id}: ${text}`);
  const detail = await lastAnswer(page);
  assert.equal(detail.question, id);
  assert.equal(detail.correct, expectRight);
  assert.equal(detail.points, expectRight ? detail.max : 0);
  return detail;
}

const retry = (page, id) => q(page, id).locator('.quiz-retry').click();

async function itemTexts(page, id) {
  return (await q(page, id).locator('.quiz-item-text').allTextContents()).map(squash);
}

/** Puts the order question's items into `wanted` order with the up buttons (or Enter on them). */
async function arrange(page, id, wanted, keyboard) {
  for (let target = 0; target < wanted.length; target++) {
    for (
      let guard = 0;
      guard < 5 && (await itemTexts(page, id)).indexOf(wanted[target]) > target;
      guard++
    ) {
      const up = q(page, id).locator('.quiz-item', { hasText: wanted[target] }).locator('.quiz-up');
      if (keyboard)
        await tabTo(page, `#_khoa-q-${id} .quiz-item[data-index="${target}"] .quiz-up`).then(() =>
          page.keyboard.press('Enter'),
        );
      else await up.click();
    }
  }
  assert.deepEqual(await itemTexts(page, id), wanted);
}

/** Presses Tab until the focused element matches `selector` (keyboard-only navigation). */
async function tabTo(page, selector) {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** With a select focused, presses ArrowDown until its chosen option reads `text`. */
async function arrowTo(page, text) {
  for (let i = 0; i < 8; i++) {
    const chosen = await page.evaluate(() => document.activeElement.selectedOptions[0].textContent);
    if (chosen === text) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option ${text}`);
}

test('every type: wrong, feedback, retry, right, and the lesson score', async (t) => {
  const { page, watch } = await openLesson(t);
  assert.equal(await score(page), `Điểm bài học: 0/${TOTAL}`);
  assert.equal(
    await q(page, 'q-single').locator('.quiz-reveal').isVisible(),
    false,
    'the reveal waits for an answer',
  );

  const single = q(page, 'q-single');
  await single.locator('.quiz-check').click();
  assert.equal(await result(page, 'q-single'), 'Hãy trả lời trước khi kiểm tra.');
  await single.locator('label', { hasText: 'Sai một' }).click();
  assert.equal((await check(page, 'q-single', false)).answer, 0);
  assert.ok(await single.getByText('Phản hồi sai.').isVisible(), 'feedback of the chosen option');
  assert.ok(await single.getByText('Giải thích một.').isVisible(), 'explanation after answering');
  assert.equal(
    squash(
      await single
        .locator('.quiz-option', { hasText: 'Sai một' })
        .locator('.quiz-mark')
        .textContent(),
    ),
    '✗ Chưa đúng',
  );
  await retry(page, 'q-single');
  assert.equal(await single.getByText('Phản hồi sai.').isVisible(), false);
  await single.locator('label', { hasText: 'Đúng một' }).click();
  await check(page, 'q-single', true);
  assert.equal(await score(page), `Điểm bài học: 1/${TOTAL}`);

  const multi = q(page, 'q-multi');
  await multi.locator('label', { hasText: 'A đúng' }).click();
  assert.deepEqual((await check(page, 'q-multi', false)).answer, [0]);
  await retry(page, 'q-multi');
  await multi.locator('label', { hasText: 'B đúng' }).click();
  assert.deepEqual((await check(page, 'q-multi', true)).answer, [0, 1]);

  const text = q(page, 'q-text').locator('input');
  await text.fill('mật mã');
  await check(page, 'q-text', false);
  await retry(page, 'q-text');
  await text.fill('  Mat   KHAU ');
  await check(page, 'q-text', true);

  const num = q(page, 'q-num').locator('input');
  await num.fill('3,8');
  await check(page, 'q-num', false);
  await retry(page, 'q-num');
  await num.fill('3,45');
  const numDetail = await check(page, 'q-num', true);
  assert.deepEqual([numDetail.points, numDetail.max], [2, 2]);

  assert.notDeepEqual(await itemTexts(page, 'q-order'), ['Một', 'Hai', 'Ba'], 'shown shuffled');
  await check(page, 'q-order', false);
  await retry(page, 'q-order');
  await arrange(page, 'q-order', ['Một', 'Hai', 'Ba'], false);
  assert.deepEqual((await check(page, 'q-order', true)).answer, [0, 1, 2]);

  const match = q(page, 'q-match');
  await match
    .locator('.quiz-pair', { hasText: '113' })
    .locator('select')
    .selectOption({ label: 'Công an' });
  await match
    .locator('.quiz-pair', { hasText: '114' })
    .locator('select')
    .selectOption({ label: 'Cấp cứu' });
  await check(page, 'q-match', false);
  assert.equal(await match.locator('.quiz-mark-right').count(), 1);
  await retry(page, 'q-match');
  await match
    .locator('.quiz-pair', { hasText: '114' })
    .locator('select')
    .selectOption({ label: 'Cứu hỏa' });
  await check(page, 'q-match', true);

  const gaps = q(page, 'q-gaps');
  await gaps.locator('input.quiz-gap').fill('vneid');
  await gaps.locator('select.quiz-gap').selectOption({ label: '1' });
  await check(page, 'q-gaps', false);
  assert.deepEqual((await gaps.locator('.quiz-mark').allTextContents()).map(squash), [
    '✓ Đúng',
    '✗ Chưa đúng',
  ]);
  await retry(page, 'q-gaps');
  await gaps.locator('select.quiz-gap').selectOption({ label: '2' });
  assert.deepEqual((await check(page, 'q-gaps', true)).answer, ['vneid', 1]);

  assert.equal(await score(page), `Điểm bài học: ${TOTAL}/${TOTAL}`);
  assert.deepEqual(await axeViolations(page), []);
  watch.assertClean();
});

test('hints open one at a time', async (t) => {
  const { page } = await openLesson(t);
  const single = q(page, 'q-single');
  assert.equal(await single.getByText('Gợi ý một.').isVisible(), false);
  await single.locator('.quiz-hint-button').click();
  assert.ok(await single.getByText('Gợi ý một.').isVisible());
  assert.equal(await single.getByText('Gợi ý hai.').isVisible(), false);
  await single.locator('.quiz-hint-button').click();
  assert.ok(await single.getByText('Gợi ý hai.').isVisible());
  assert.equal(
    await single.locator('.quiz-hint-button').isVisible(),
    false,
    'no more hints to open',
  );
});

test('a whole quiz with the keyboard only', async (t) => {
  const { page, watch } = await openLesson(t);
  const checkWithEnter = async (id) => {
    await tabTo(page, `#_khoa-q-${id} .quiz-check`);
    await page.keyboard.press('Enter');
    assert.equal(await result(page, id), '✓ Đúng', id);
  };
  await tabTo(page, '#_khoa-q-q-single input[type=radio]');
  for (
    let i = 0;
    i < 4 &&
    !(await page.evaluate(() => document.activeElement.labels[0].textContent === 'Đúng một'));
    i++
  ) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Space');
  await checkWithEnter('q-single');

  for (const index of [0, 1]) {
    await tabTo(page, `#_khoa-q-q-multi .quiz-option[data-index="${index}"] input`);
    await page.keyboard.press('Space');
  }
  await checkWithEnter('q-multi');

  await tabTo(page, '#_khoa-q-q-text input');
  await page.keyboard.type('mat khau');
  await page.keyboard.press('Enter');
  assert.equal(await result(page, 'q-text'), '✓ Đúng', 'Enter in the field checks');

  await tabTo(page, '#_khoa-q-q-num input');
  await page.keyboard.type('3,5');
  await page.keyboard.press('Enter');
  assert.equal(await result(page, 'q-num'), '✓ Đúng');

  await arrange(page, 'q-order', ['Một', 'Hai', 'Ba'], true);
  await checkWithEnter('q-order');

  await tabTo(page, '#_khoa-q-q-match .quiz-pair[data-index="0"] select');
  await arrowTo(page, 'Công an');
  await tabTo(page, '#_khoa-q-q-match .quiz-pair[data-index="1"] select');
  await arrowTo(page, 'Cứu hỏa');
  await checkWithEnter('q-match');

  await tabTo(page, '#_khoa-q-q-gaps input.quiz-gap');
  await page.keyboard.type('VNeID');
  await tabTo(page, '#_khoa-q-q-gaps select.quiz-gap');
  await arrowTo(page, '2');
  await checkWithEnter('q-gaps');

  assert.equal(await score(page), `Điểm bài học: ${TOTAL}/${TOTAL}`);
  watch.assertClean();
});

test('one question from file://', async (t) => {
  const { page, watch } = await openLesson(t, true);
  assert.match(page.url(), /^file:/);
  await q(page, 'q-single').locator('label', { hasText: 'Đúng một' }).click();
  await check(page, 'q-single', true);
  assert.equal(await score(page), `Điểm bài học: 1/${TOTAL}`);
  watch.assertClean();
});

test('KhoaQuiz.restore shows a stored answer without a new khoa:answer; questions() lists points', async (t) => {
  const { page } = await openLesson(t);
  const list = await page.evaluate(() => window.KhoaQuiz.questions());
  assert.deepEqual(
    list.map((x) => x.id),
    ['q-single', 'q-multi', 'q-text', 'q-num', 'q-order', 'q-match', 'q-gaps'],
  );
  assert.equal(list.find((x) => x.id === 'q-num').points, 2);
  await page.evaluate(() => {
    window.__answers.length = 0;
    window.KhoaQuiz.restore('q-order', [0, 1, 2]);
    window.KhoaQuiz.restore('q-match', [1, 0]);
    window.KhoaQuiz.restore('q-text', 'mật khẩu');
  });
  assert.deepEqual(await itemTexts(page, 'q-order'), ['Một', 'Hai', 'Ba']);
  assert.equal(await result(page, 'q-order'), '✓ Đúng');
  assert.equal(await result(page, 'q-match'), '✗ Chưa đúng');
  assert.equal(await q(page, 'q-text').locator('input').inputValue(), 'mật khẩu');
  assert.equal(await page.evaluate(() => window.__answers.length), 0);
  assert.equal(await score(page), `Điểm bài học: 2/${TOTAL}`);
});

test('without JavaScript the form is readable and a details element reveals the answer', async (t) => {
  const b = await launch(t);
  await b.context.route('**/*.js', (route) => route.abort());
  const server = await serveStatic(out);
  t.after(() => server.close());
  await b.page.goto(`${server.url}c/bai.html`);
  const single = q(b.page, 'q-single');
  assert.equal(await single.locator('.quiz-check').isVisible(), false, 'no dead buttons');
  assert.ok(await single.locator('label', { hasText: 'Đúng một' }).isVisible());
  await single.locator('.quiz-reveal summary').click();
  assert.equal(
    squash(await single.locator('.quiz-solution li').textContent()),
    'Đúng một',
    'named by its text',
  );
  assert.ok(await single.getByText('Giải thích một.').isVisible());
  assert.notDeepEqual(
    await itemTexts(b.page, 'q-order'),
    ['Một', 'Hai', 'Ba'],
    'the order is not given away',
  );
});
