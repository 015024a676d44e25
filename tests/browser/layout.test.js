// layout.test.js — one job: finding one's way and the small fixes from trying khoa on a phone, in
// headless Chromium: the course outline beside a lesson (wide screen) and folded (phone), every
// quiz type's box padded alike, a checked answer that does not turn pale, no layout shift when
// progress bars appear, and the home page's start links named by their course.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const { launch, watchPage } = require('./harness');
const { learnersSite, baseUrl, squash } = require('./learners-site');

const site = learnersSite();

for (const how of ['file', 'http']) {
  test(`${how}: the outline sits beside the lesson on a wide screen, done marks and current lesson`, async (t) => {
    const { page } = await launch(t, { viewport: { width: 1400, height: 900 } });
    const watch = watchPage(page);
    const base = await baseUrl(t, site, how);
    await page.goto(`${base}c/m2/c.html`);
    await page.getByRole('button', { name: 'Đã học xong' }).click();
    await page.goto(`${base}c/m1/b.html`);
    const outline = page.locator('.course-outline');
    assert.equal(await page.locator('#_khoa-outline').evaluate((d) => d.open), true);
    const side = await outline.boundingBox();
    const text = await page.locator('article.lesson-body').boundingBox();
    assert.ok(
      side.x + side.width <= text.x,
      `beside the text: ${side.x}+${side.width} ≤ ${text.x}`,
    );
    const current = outline.locator('[aria-current=page]');
    assert.equal(squash(await current.textContent()), 'Bài thứ hai');
    assert.equal(
      await outline
        .locator('.outline-module')
        .first()
        .evaluate((d) => d.open),
      true,
    );
    assert.equal(
      await outline
        .locator('.outline-module')
        .nth(1)
        .evaluate((d) => d.open),
      false,
    );
    assert.equal(
      squash(await outline.locator('li[data-lesson-id=c]').textContent()),
      '✓Bài cuối cùng (đã học xong)',
    );
    assert.equal(await outline.locator('li[data-lesson-id=a] .khoa-mark').count(), 0);
    await page.locator('#_khoa-q-qb label', { hasText: 'Có' }).click();
    await page.locator('#_khoa-q-qb .quiz-check').click();
    await outline.locator('li[data-lesson-id=b] .khoa-mark').waitFor();
    watch.assertClean();
  });
}

test('on a phone the outline is folded, and opens', async (t) => {
  const { page } = await launch(t);
  await page.goto(`${await baseUrl(t, site, 'file')}c/m1/a.html`);
  const link = page.locator('.course-outline a', { hasText: 'Bài thứ hai' });
  assert.equal(await link.isVisible(), false);
  await page.locator('#_khoa-outline-title').click();
  assert.equal(await link.isVisible(), true);
});

test('every quiz type sits in a padded box apart from the next', async (t) => {
  const { page } = await launch(t);
  const base = await baseUrl(t, site, 'http');
  await page.goto(`${base}c/m1/a.html`);
  // Each question type, rendered by the theme's quiz template into the page under test.
  const boxes = await page.evaluate(() =>
    ['single', 'multiple', 'text', 'number', 'order', 'match', 'gaps'].map((kind) => {
      const box = document.createElement('div');
      box.className = `quiz quiz-${kind}`;
      document.querySelector('article').appendChild(box);
      const style = getComputedStyle(box);
      return [kind, style.paddingTop, style.paddingLeft, style.marginTop, style.borderTopWidth];
    }),
  );
  for (const [kind, ...box] of boxes) assert.deepEqual(box, ['16px', '16px', '24px', '1px'], kind);
});

test('a checked answer keeps its colour once graded', async (t) => {
  const { page } = await launch(t);
  await page.goto(`${await baseUrl(t, site, 'http')}c/m1/a.html`);
  const input = page
    .locator('#_khoa-q-qa .quiz-option', { hasText: 'Lựa chọn sai' })
    .locator('input');
  await input.check();
  const mean = async () => {
    const png = (await input.screenshot()).toString('base64');
    return page.evaluate(async (data) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d');
      g.drawImage(img, 0, 0);
      const px = g.getImageData(0, 0, img.width, img.height).data;
      let dark = 0;
      for (let i = 0; i < px.length; i += 4) dark += 765 - px[i] - px[i + 1] - px[i + 2];
      return dark / (px.length / 4);
    }, png);
  };
  const before = await mean();
  await page.locator('#_khoa-q-qa .quiz-check').click();
  const after = await mean();
  assert.ok(after > before * 0.8, `as strong after checking: ${before} → ${after}`);
  assert.deepEqual(
    await page
      .locator('#_khoa-q-qa .quiz-option', { hasText: 'Lựa chọn sai' })
      .locator('.quiz-mark')
      .evaluate((m) => [m.textContent, m.lastChild.getBoundingClientRect().width]),
    ['✗ Chưa đúng', 1],
    'the option shows the icon; the verdict in words is said once, below',
  );
});

const SHIFTS = () => {
  window.__shift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
};

test('progress bars appear without shifting the home and course pages', async (t) => {
  const { page, context } = await launch(t);
  await context.addInitScript(SHIFTS);
  const watch = watchPage(page);
  const base = await baseUrl(t, site, 'http');
  for (const url of ['index.html', 'c/index.html']) {
    await page.goto(`${base}${url}`);
    await page.locator('.khoa-bar').first().waitFor();
    await page.waitForTimeout(300); // layout shifts are reported after the frame that made them
    const shift = await page.evaluate(() => window.__shift);
    assert.ok(shift < 0.05, `${url}: CLS ${shift} (it was about 0.1)`);
  }
  const start = page.getByRole('link', { name: /^Bắt đầu\s*:\s*Khóa thử$/ });
  await page.goto(`${base}index.html`);
  assert.equal(await start.count(), 1, 'the start link is named by its course');
  watch.assertClean();
});
