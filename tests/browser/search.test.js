// search.test.js — one job: a learner finds lessons on the sample site with the header search box,
// typing Vietnamese without tone marks (`duong`, `dich vu cong`, `mat khau`), a brand name (`VNeID`)
// or English, over HTTP and from file://; the index is not requested before the box is focused, a
// lesson page loads only its own course's shard, and the results work with the keyboard.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before } = require('node:test');
const {
  launch,
  serveStatic,
  fileUrl,
  watchPage,
  axeViolations,
  samplePublic,
} = require('./harness');

const SEARCH_DIR = path.join(samplePublic, '_khoa', 'search');

/** Query → the lesson (site-relative URL) a learner expects first. */
const EXPECTED = [
  ['duong', 'ky-nang-so/an-toan/lien-ket-gia-mao.html'], // "Đường link và trang web giả mạo"
  ['dich vu cong', 'ky-nang-so/dich-vu-cong/cong-dich-vu-cong.html'],
  ['mat khau', 'ky-nang-so/an-toan/mat-khau-manh.html'],
  ['VNeID', 'ky-nang-so/dich-vu-cong/cai-dat-vneid.html'],
  ['publishing', 'writing-courses/learners-and-publishing/themes-and-publishing.html'],
];

before(() => {
  for (const file of ['index.js', 'course-ky-nang-so.js', 'course-writing-courses.js']) {
    const full = path.join(SEARCH_DIR, file);
    assert.ok(fs.existsSync(full), `${full} is missing: build the sample site first (scripts/test)`);
  }
});

/** Records every request for a search index file. */
function indexRequests(page) {
  const seen = [];
  page.on('request', (req) => {
    if (req.url().includes('/_khoa/search/')) seen.push(path.basename(new URL(req.url()).pathname));
  });
  return seen;
}

/** Types `query` into the empty box and waits for a first result; returns the result hrefs. */
async function searchFor(page, query) {
  const box = page.locator('#khoa-search');
  await box.fill('');
  await box.pressSequentially(query, { delay: 5 });
  const first = page.locator('#khoa-search-results [role=option]').first();
  await first.waitFor({ state: 'visible' });
  return page.locator('#khoa-search-results [role=option]').evaluateAll((links) =>
    links.map((a) => a.href),
  );
}

/** Each expected lesson comes first for its query; `base` is the site root URL. */
async function expectFirstResults(page, base) {
  for (const [query, url] of EXPECTED) {
    const hrefs = await searchFor(page, query);
    assert.equal(hrefs[0], new URL(url, base).href, `first result for "${query}"`);
  }
}

async function expectNoIndexBeforeFocus(page, seen) {
  await page.waitForLoadState('load');
  await page.waitForTimeout(300);
  assert.deepEqual(seen, [], 'no index file is requested before the box is focused');
  assert.equal(await page.locator('.search').isVisible(), true, 'the box is shown with JavaScript');
}

test('over HTTP, from the home page, the expected lessons come first', async (t) => {
  const server = await serveStatic(samplePublic, { prefix: '/mirror/' });
  t.after(server.close);
  const { page } = await launch(t);
  const watch = watchPage(page);
  const seen = indexRequests(page);
  await page.goto(`${server.url}index.html`);
  await expectNoIndexBeforeFocus(page, seen);
  await page.locator('#khoa-search').focus();
  await expectFirstResults(page, server.url);
  assert.deepEqual(
    [...new Set(seen)].sort(),
    ['course-ky-nang-so.js', 'course-writing-courses.js', 'index.js'],
    'the home page has no course, so every course is searched',
  );
  watch.assertClean('HTTP search');
});

test('from file://, the same searches work without a server', async (t) => {
  const { page } = await launch(t);
  const watch = watchPage(page);
  const seen = indexRequests(page);
  await page.goto(fileUrl(path.join(samplePublic, 'index.html')));
  await expectNoIndexBeforeFocus(page, seen);
  await page.locator('#khoa-search').focus();
  await expectFirstResults(page, `${fileUrl(samplePublic)}/`);
  watch.assertClean('file:// search');
});

test('a lesson page loads only its course shard until the learner asks for all courses', async (t) => {
  const server = await serveStatic(samplePublic);
  t.after(server.close);
  const { page } = await launch(t);
  const watch = watchPage(page);
  const seen = indexRequests(page);
  await page.goto(`${server.url}ky-nang-so/thanh-toan/ma-vietqr.html`);
  await expectNoIndexBeforeFocus(page, seen);
  await page.locator('#khoa-search').focus();
  const hrefs = await searchFor(page, 'mat khau');
  assert.equal(hrefs[0], `${server.url}ky-nang-so/an-toan/mat-khau-manh.html`);
  assert.deepEqual([...seen].sort(), ['course-ky-nang-so.js', 'index.js']);
  assert.equal(await page.locator('#khoa-search-status').textContent(), `${hrefs.length} kết quả`);

  const first = page.locator('#khoa-search-results [role=option]').first();
  assert.match(await first.locator('.search-where').textContent(), /Kỹ năng số cơ bản › An toàn/);
  const marks = await first.locator('.search-snippet mark').allTextContents();
  assert.ok(marks.some((m) => m.toLowerCase() === 'mật'), `snippet marks "mật": ${marks}`);

  await page.locator('#khoa-search').fill('publishing');
  await page.locator('.search-note', { hasText: 'Không tìm thấy bài nào.' }).waitFor();
  assert.equal(await page.locator('#khoa-search-results [role=option]').count(), 0);
  const all = page.locator('.search-all');
  await all.waitFor({ state: 'visible' });
  await all.click();
  const wider = await searchFor(page, 'publishing');
  assert.ok(wider[0].includes('writing-courses/'), 'other courses are searched on request');
  assert.ok(seen.includes('course-writing-courses.js'));
  watch.assertClean('lesson-page search');
});

test('the keyboard drives the results and screen readers hear the count', async (t) => {
  const server = await serveStatic(samplePublic);
  t.after(server.close);
  const { page } = await launch(t);
  await page.goto(`${server.url}ky-nang-so/index.html`);
  const box = page.locator('#khoa-search');
  await box.focus();
  await searchFor(page, 'dich vu cong');
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#khoa-search-status').getAttribute('role'), 'status');
  assert.deepEqual(await axeViolations(page), [], 'no serious accessibility problem');

  await box.press('ArrowDown');
  await box.press('ArrowDown');
  const second = page.locator('#khoa-search-results [role=option]').nth(1);
  assert.equal(await box.getAttribute('aria-activedescendant'), await second.getAttribute('id'));
  assert.equal(await second.getAttribute('aria-selected'), 'true');
  await box.press('ArrowUp');
  await box.press('Escape');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('.search-panel').isVisible(), false);

  await box.press('ArrowDown');
  const target = await page.locator('#khoa-search-results [role=option]').first().getAttribute('href');
  const expected = new URL(target, page.url()).href;
  await Promise.all([page.waitForURL(expected), box.press('Enter')]);
  assert.equal(page.url(), `${server.url}ky-nang-so/dich-vu-cong/cong-dich-vu-cong.html`);
});

test('without JavaScript there is no box; the index holds text, not HTML or quiz answers', () => {
  const html = fs.readFileSync(path.join(samplePublic, 'index.html'), 'utf8');
  assert.match(html, /<div class="search"[^>]*data-khoa-search hidden>/);
  for (const file of fs.readdirSync(SEARCH_DIR)) {
    const source = fs.readFileSync(path.join(SEARCH_DIR, file), 'utf8');
    assert.ok(!source.includes('<'), `${file} holds no markup`);
    // The correct answer of a quiz in the "Mật khẩu mạnh" lesson.
    assert.ok(!source.includes('BaToiTrong5LuongRauMuong'), `${file} holds no quiz answer`);
  }
});
