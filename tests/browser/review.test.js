// review.test.js — one job: "Ôn tập" as a learner uses it: the questions got wrong or skipped,
// grouped by lesson, answered again in place, and the lesson, course and completion pages agreeing
// afterwards; the empty state; the link on course pages only when there is something to review;
// from file:// and over HTTP.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const { launch, watchPage } = require('./harness');
const { learnersSite, baseUrl, squash } = require('./learners-site');

const site = learnersSite();

for (const how of ['file', 'http']) {
  test(`${how}: missed questions by lesson, answered again in place, every page agrees`, async (t) => {
    const { page } = await launch(t);
    const watch = watchPage(page);
    const base = await baseUrl(t, site, how);
    await page.goto(`${base}c/review.html`);
    assert.ok(await page.getByText('Không có câu nào cần ôn tập').isVisible(), 'empty state');
    await page.goto(`${base}c/index.html`);
    assert.equal(await page.locator('.khoa-review-link').isVisible(), false, 'nothing to review');

    await page.goto(`${base}c/m1/a.html`);
    const qa = page.locator('#_khoa-q-qa');
    await qa.locator('label', { hasText: 'Lựa chọn sai' }).click();
    await qa.locator('.quiz-check').click();
    await page.goto(`${base}c/m1/b.html`); // opened, its question skipped
    await page.goto(`${base}c/index.html`);
    const link = page.locator('.khoa-review-link');
    assert.equal(squash(await link.textContent()), 'Ôn tập (3 câu)');
    await link.click();
    await page.locator('.review-lesson h2').first().waitFor();

    assert.deepEqual((await page.locator('.review-lesson h2').allTextContents()).map(squash), [
      'Bài mở đầu',
      'Bài thứ hai',
    ]);
    assert.deepEqual(
      await page
        .locator('.review-lesson .quiz')
        .evaluateAll((qs) => qs.map((q) => q.dataset.question)),
      ['qa', 'qt', 'qb'],
    );
    assert.equal(
      squash(await page.locator('#_khoa-review-status').textContent()),
      'Còn 3 câu cần ôn tập.',
    );
    const again = page.locator('#_khoa-q-qa');
    assert.equal(await again.locator('input:checked').count(), 0, 'asked afresh');
    await again.locator('label', { hasText: 'Lựa chọn đúng' }).click();
    await again.locator('.quiz-check').click();
    assert.equal(squash(await again.locator('.quiz-result').textContent()), '✓ Đúng');
    await page.locator('#_khoa-q-qt input').fill('xyzzy');
    await page.locator('#_khoa-q-qt .quiz-check').click();
    assert.equal(
      squash(await page.locator('#_khoa-review-status').textContent()),
      'Còn 1 câu cần ôn tập.',
    );

    await page.goto(`${base}c/m1/a.html`);
    await page.locator('.quiz-score').waitFor();
    assert.equal(squash(await page.locator('.quiz-score').textContent()), 'Điểm bài học: 2/2');
    assert.match(squash(await page.locator('.khoa-lesson-state').textContent()), /Đã học xong/);
    await page.goto(`${base}c/index.html`);
    assert.match(squash(await page.locator('li[data-lesson-id=a]').textContent()), /Đã học xong/);
    assert.equal(squash(await page.locator('.khoa-review-link').textContent()), 'Ôn tập (1 câu)');

    await page.goto(`${base}c/review.html`);
    await page.locator('#_khoa-q-qb label', { hasText: 'Có' }).click();
    await page.locator('#_khoa-q-qb .quiz-check').click();
    assert.ok(await page.getByText('Không có câu nào cần ôn tập').isVisible(), 'all reviewed');
    await page.goto(`${base}c/completion.html`);
    assert.equal(await page.locator('.khoa-review-link').isVisible(), false);
    await page.goto(`${base}c/index.html`);
    assert.equal(await page.locator('.khoa-review-link').isVisible(), false);
    watch.assertClean();
  });
}

test('lesson pages load nothing of the review', async (t) => {
  const { page } = await launch(t);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${await baseUrl(t, site, 'http')}c/m1/a.html`);
  await page.locator('.quiz-score').waitFor();
  assert.deepEqual(
    requests.filter((u) => /review/.test(u)),
    [],
  );
});
