// print.test.js — one job: a course on paper. `<course>/print.html` printed by Chromium to PDF and
// read back with pdftotext (Debian's poppler-utils): every lesson title in reading order, the
// questions without their answers, the answer key at the end; the image shown; every page of a
// course links to it; and the print stylesheet of a lesson page, from file:// and over HTTP. The
// fixture's course is short (at most 60 lessons), so it prints whole on one page; a longer course
// prints one module per page under an index, which tests/cli/print.rs covers.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { test } = require('node:test');
const { launch, watchPage } = require('./harness');
const { learnersSite, baseUrl } = require('./learners-site');

const site = learnersSite();

async function pdfText(page) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khoa-pdf-'));
  try {
    const file = path.join(dir, 'course.pdf');
    await page.pdf({ path: file, format: 'A4' });
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const how of ['file', 'http']) {
  test(`${how}: print.html holds every lesson in order, questions first, answers only in the key`, async (t) => {
    const { page } = await launch(t);
    const watch = watchPage(page);
    const base = await baseUrl(t, site, how);
    await page.goto(`${base}c/index.html`);
    await page.getByRole('link', { name: 'Bản in cả khóa' }).click();
    assert.ok(page.url().endsWith('c/print.html'), page.url());
    const image = page.getByRole('img', { name: 'Hình vuông xanh' });
    assert.ok(await image.evaluate((img) => img.complete && img.naturalWidth > 0), 'image shown');
    const text = (await pdfText(page)).replace(/\s+/g, ' ');
    const at = (words) => text.indexOf(words);
    const titles = ['Bài mở đầu', 'Bài thứ hai', 'Bài cuối cùng'].map(at);
    assert.ok(
      titles.every((p, i) => p >= 0 && (i === 0 || p > titles[i - 1])),
      `lesson titles in order: ${titles}`,
    );
    assert.ok(at('Chương đầu') < titles[0] && at('Chương cuối') < titles[2], 'module titles');
    const key = text.lastIndexOf('Đáp án');
    assert.ok(key > titles[2], 'the answer key comes after the last lesson');
    for (const question of ['Câu hỏi về mật khẩu?', 'Gõ từ bí mật.', 'Câu hỏi bài hai?']) {
      assert.ok(at(question) >= 0 && at(question) < key, `question: ${question}`);
    }
    for (const answer of ['xyzzy', 'Lời giải thích riêng']) {
      assert.ok(at(answer) > key, `${answer} only in the key (at ${at(answer)}, key at ${key})`);
    }
    assert.match(text.slice(key), /Lựa chọn đúng/, 'the right choice is in the key');
    assert.match(text, /trang ngoài \(https:\/\/example\.org\/trang\)/, 'external URL shown');
    assert.doesNotMatch(text, /Kiểm tra|Xem đáp án|Tìm bài học/, 'no buttons or search');
    watch.assertClean();
  });
}

test('a lesson printed: no navigation, search, buttons or answers; URLs after external links', async (t) => {
  const { page } = await launch(t);
  const watch = watchPage(page);
  const base = await baseUrl(t, site, 'http');
  await page.goto(`${base}c/m1/a.html`);
  await page.locator('.quiz-score').waitFor();
  assert.ok(
    (await page
      .locator('.course-outline a', { hasText: 'Bản in cả khóa' })
      .getAttribute('href')) === '../print.html',
    'the lesson links the printable course',
  );
  await page.emulateMedia({ media: 'print' });
  for (const hidden of [
    '.site-header',
    '.breadcrumbs',
    '.course-outline',
    '.pager',
    '.quiz-check',
    '.quiz-reveal',
    '.search',
  ]) {
    const display = await page
      .locator(hidden)
      .first()
      .evaluate((el) => getComputedStyle(el).display);
    assert.equal(display, 'none', `${hidden} is not printed`);
  }
  const after = await page
    .locator('a[href^="https://"]')
    .evaluate((a) => getComputedStyle(a, '::after').content);
  assert.match(after, /attr\(href\)|example\.org\/trang/, 'the URL follows an external link');
  watch.assertClean();
});
