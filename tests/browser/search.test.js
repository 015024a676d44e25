// search.test.js — one job: a learner finds lessons on the sample site with the header search box,
// typing Vietnamese without tone marks (`duong`, `dich vu cong`, `mat khau`), a brand name (`VNeID`)
// or English, over HTTP and from file://; neither the search code nor the index is requested before
// the box is focused (or tapped), a keyboard user tabbing in loses no keystroke while they load,
// code that fails to load is said and retried on the next focus, a
// lesson page loads only its own course's shard and then its snippet text, results show before that
// text arrives and its snippets fill in without moving the rows, the status says when only some
// results are listed and is announced once, and the results work with the keyboard.
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
/** The catalogs keep a plain name (revalidated like pages), outside `_khoa/`. */
const CATALOG_DIR = path.join(samplePublic, '_search');

/** Query → the lesson (site-relative URL) a learner expects first. */
const EXPECTED = [
  ['duong', 'ky-nang-so/an-toan/lien-ket-gia-mao.html'], // "Đường link và trang web giả mạo"
  ['dich vu cong', 'ky-nang-so/dich-vu-cong/cong-dich-vu-cong.html'],
  ['mat khau', 'ky-nang-so/an-toan/mat-khau-manh.html'],
  ['VNeID', 'ky-nang-so/dich-vu-cong/cai-dat-vneid.html'],
  ['publishing', 'writing-courses/learners-and-publishing/themes-and-publishing.html'],
  // New-style tone placement typed, old style written ("Khóa màn hình"): one spelling for search.
  ['khoá màn hình', 'luyen-tap-an-toan/gia-dinh/cai-dat-dien-thoai.html'],
];

before(() => {
  const courses = ['course-ky-nang-so', 'course-writing-courses'];
  const published = fs.existsSync(SEARCH_DIR) ? fs.readdirSync(SEARCH_DIR) : [];
  assert.ok(
    fs.existsSync(path.join(CATALOG_DIR, 'index.js')),
    `the catalog is missing in ${CATALOG_DIR}: build the sample site first (scripts/test)`,
  );
  for (const file of courses.flatMap((c) => [`${c}.js`, `${c}.text.js`])) {
    const hashed = new RegExp(
      `^${file.replace(/\.js$/, '').replace(/\./g, '\\.')}\\.[0-9a-f]{8}\\.js$`,
    );
    assert.ok(
      published.some((name) => hashed.test(name)),
      `${file} (with its content hash) is missing in ${SEARCH_DIR}: build the sample site first (scripts/test)`,
    );
  }
});

/** The search code, published under a name that carries a hash of its content. */
const SEARCH_CODE = /\/_khoa\/js\/khoa-search\.[0-9a-f]{8}\.js$/;

/** Records every request for the search code or a search index file, by file name without the
 * content hash (`course-c.text.1a2b3c4d.js` → `course-c.text.js`). */
function indexRequests(page) {
  const seen = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    const index = url.pathname.includes('/_khoa/search/') || url.pathname.includes('/_search/');
    if (index || SEARCH_CODE.test(url.pathname)) {
      seen.push(path.basename(url.pathname).replace(/\.[0-9a-f]{8}(\.js)$/, '$1'));
    }
  });
  return seen;
}

/** Types `query` into the empty box and waits for a first result; returns the result hrefs. */
async function searchFor(page, query) {
  const box = page.locator('#_khoa-search');
  await box.fill('');
  await box.pressSequentially(query, { delay: 5 });
  const first = page.locator('#_khoa-search-results [role=option]').first();
  await first.waitFor({ state: 'visible' });
  return page
    .locator('#_khoa-search-results [role=option]')
    .evaluateAll((links) => links.map((a) => a.href));
}

/** Each expected lesson comes first for its query; `base` is the site root URL. */
async function expectFirstResults(page, base) {
  for (const [query, url] of EXPECTED) {
    const hrefs = await searchFor(page, query);
    assert.equal(hrefs[0], new URL(url, base).href, `first result for "${query}"`);
  }
}

/** Waits until the first result's snippet has marked words; returns them. */
async function firstSnippetMarks(page) {
  const marks = page
    .locator('#_khoa-search-results [role=option]')
    .first()
    .locator('.search-snippet mark');
  await marks.first().waitFor();
  return marks.allTextContents();
}

/** Once the page has loaded, search-boot.js has shown the box and the tasks queued meanwhile have
 * run, nothing of search has been asked for. */
async function expectNoIndexBeforeFocus(page, seen) {
  await page.waitForLoadState('load');
  await page.locator('.search').waitFor({ state: 'visible' });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
  assert.deepEqual(seen, [], 'no search code or index file is requested before the box is focused');
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
  await page.locator('#_khoa-search').focus();
  await expectFirstResults(page, server.url);
  await firstSnippetMarks(page);
  assert.deepEqual(
    [...new Set(seen)].sort(),
    [
      'course-ky-nang-so.js',
      'course-ky-nang-so.text.js',
      'course-luyen-tap-an-toan.js',
      'course-luyen-tap-an-toan.text.js',
      'course-writing-courses.js',
      'course-writing-courses.text.js',
      'index.js',
      'khoa-search.js',
    ],
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
  await page.locator('#_khoa-search').click(); // a tap, as on a phone
  await expectFirstResults(page, `${fileUrl(samplePublic)}/`);
  const marks = await firstSnippetMarks(page);
  assert.ok(marks.length > 0, 'snippets load from file:// too');
  assert.ok(seen.includes('khoa-search.js') && seen.includes('index.js'), `${seen}`);
  watch.assertClean('file:// search');
});

/** Records every change of the status (what screen readers announce). */
async function recordAnnouncements(page) {
  await page.evaluate(() => {
    const status = document.getElementById('_khoa-search-status');
    window.announced = [];
    new MutationObserver(() => window.announced.push(status.textContent)).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  return () => page.evaluate(() => window.announced.filter((said) => said !== ''));
}

// Tests that hold or fail requests with page.route: a service worker would fetch for the page,
// out of the route's sight.
const NO_WORKER = { serviceWorkers: 'block' };

test('a lesson page shows results from its course shard before the snippet text arrives', async (t) => {
  const server = await serveStatic(samplePublic);
  t.after(server.close);
  const { page } = await launch(t, NO_WORKER);
  const watch = watchPage(page);
  const seen = indexRequests(page);
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route('**/_khoa/search/*.text.*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.clock.install(); // time flows, and `runFor` fires the page's timers without waiting
  await page.goto(`${server.url}ky-nang-so/thanh-toan/ma-vietqr.html`);
  await expectNoIndexBeforeFocus(page, seen);
  const said = await recordAnnouncements(page);
  await page.locator('#_khoa-search').focus();
  const hrefs = await searchFor(page, 'mat khau');
  assert.equal(hrefs[0], `${server.url}ky-nang-so/an-toan/mat-khau-manh.html`);
  assert.deepEqual([...seen].sort(), [
    'course-ky-nang-so.js',
    'course-ky-nang-so.text.js',
    'index.js',
    'khoa-search.js',
  ]);
  assert.ok(
    seen.indexOf('course-ky-nang-so.text.js') > seen.indexOf('course-ky-nang-so.js'),
    `the text is asked for once the shard is there: ${seen}`,
  );
  assert.ok(
    seen.indexOf('course-ky-nang-so.js') > seen.indexOf('index.js'),
    `the course's shard is asked for once the catalog has named it: ${seen}`,
  );

  const first = page.locator('#_khoa-search-results [role=option]').first();
  assert.match(await first.locator('.search-where').textContent(), /Kỹ năng số cơ bản › An toàn/);
  assert.equal(await first.locator('.search-snippet').textContent(), '', 'no text yet');
  const rowsBefore = await page
    .locator('#_khoa-search-results [role=option]')
    .evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height));
  const count = `${hrefs.length} kết quả`;
  await page.locator('#_khoa-search-status', { hasText: count }).waitFor({ state: 'attached' });
  assert.equal(await page.locator('#_khoa-search-status').textContent(), count);

  release();
  const marks = await firstSnippetMarks(page);
  assert.ok(
    marks.some((m) => m.toLowerCase() === 'mật'),
    `snippet marks "mật": ${marks}`,
  );
  const rowsAfter = await page
    .locator('#_khoa-search-results [role=option]')
    .evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height));
  assert.deepEqual(rowsAfter, rowsBefore, 'snippets fill in without moving the rows');
  await page.clock.runFor(1000); // every timer due within a second (the status waits 700 ms) fires
  assert.deepEqual(await said(), [count], 'the count is announced once, not per keystroke');
  watch.assertClean('lesson-page search');
});

/** Presses Tab until the search box has the focus (as a keyboard user gets there). */
async function tabToSearch(page) {
  const inBox = () => page.evaluate(() => document.activeElement.id === '_khoa-search');
  for (let i = 0; i < 15 && !(await inBox()); i++) await page.keyboard.press('Tab');
  assert.ok(await inBox(), 'Tab reaches the search box');
}

test('a keyboard user tabbing in loses no keystroke while the search code loads', async (t) => {
  const server = await serveStatic(samplePublic);
  t.after(server.close);
  const { page } = await launch(t, NO_WORKER);
  const watch = watchPage(page);
  const seen = indexRequests(page);
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(SEARCH_CODE, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.url}ky-nang-so/thanh-toan/ma-vietqr.html`);
  await expectNoIndexBeforeFocus(page, seen);
  await tabToSearch(page);
  await page.keyboard.type('mat khau');
  assert.deepEqual(
    seen,
    ['khoa-search.js'],
    'the code is asked for on focus; the index waits for it',
  );

  release();
  const first = page.locator('#_khoa-search-results [role=option]').first();
  await first.waitFor({ state: 'visible' });
  const box = page.locator('#_khoa-search');
  assert.equal(await box.inputValue(), 'mat khau', 'every keystroke is in the box');
  assert.equal(
    await first.evaluate((a) => a.href),
    `${server.url}ky-nang-so/an-toan/mat-khau-manh.html`,
    'the results are for the whole query',
  );
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  assert.ok(seen.includes('index.js') && seen.includes('course-ky-nang-so.js'), `${seen}`);
  watch.assertClean('keyboard search before the code loads');
});

test('when the search code cannot load, the box says so and the next focus tries again', async (t) => {
  const server = await serveStatic(samplePublic);
  t.after(server.close);
  const { page } = await launch(t, NO_WORKER);
  const watch = watchPage(page, { ignore: [/khoa-search\.[0-9a-f]{8}\.js/] });
  const seen = indexRequests(page);
  await page.route(SEARCH_CODE, (route) => route.abort('internetdisconnected'));
  await page.goto(`${server.url}ky-nang-so/index.html`);
  const box = page.locator('#_khoa-search');
  await box.focus();
  await page.locator('.search-note', { hasText: 'Không tải được chỉ mục tìm kiếm.' }).waitFor();
  assert.equal(
    await page.locator('#_khoa-search-status').textContent(),
    'Không tải được chỉ mục tìm kiếm.',
  );

  await page.unroute(SEARCH_CODE);
  await box.blur();
  await box.focus();
  const hrefs = await searchFor(page, 'VNeID');
  assert.equal(hrefs[0], `${server.url}ky-nang-so/dich-vu-cong/cai-dat-vneid.html`);
  assert.equal(seen.filter((file) => file === 'khoa-search.js').length, 2, `${seen}`);
  assert.equal(
    await page.locator('script[src*="khoa-search."]').count(),
    1,
    'the failed script is gone',
  );
  watch.assertClean('search code retried');
});

test('the status says when only some results are listed; other courses load on request', async (t) => {
  const server = await serveStatic(samplePublic);
  t.after(server.close);
  const { page } = await launch(t);
  const watch = watchPage(page);
  const seen = indexRequests(page);
  await page.goto(`${server.url}ky-nang-so/thanh-toan/ma-vietqr.html`);
  await page.locator('#_khoa-search').focus();
  await searchFor(page, 'ban');
  assert.equal(await page.locator('#_khoa-search-results [role=option]').count(), 10);
  const note = await page.locator('.search-note').textContent();
  const total = Number(
    (note.match(/^Hiện 10 trong số (\d+) kết quả; gõ thêm từ để thu hẹp\.$/) || [])[1],
  );
  assert.ok(total > 10, `the note says 10 of how many: ${note}`);
  await page.locator('#_khoa-search-status', { hasText: note }).waitFor({ state: 'attached' });

  await page.locator('#_khoa-search').fill('publishing');
  await page.locator('.search-note', { hasText: 'Không tìm thấy bài nào.' }).waitFor();
  assert.equal(await page.locator('#_khoa-search-results [role=option]').count(), 0);
  const all = page.locator('.search-all');
  await all.waitFor({ state: 'visible' });
  await all.click();
  const wider = await searchFor(page, 'publishing');
  assert.ok(wider[0].includes('writing-courses/'), 'other courses are searched on request');
  await firstSnippetMarks(page);
  assert.ok(seen.includes('course-writing-courses.js'));
  assert.ok(seen.includes('course-writing-courses.text.js'));
  watch.assertClean('lesson-page search');
});

test('the keyboard drives the results and screen readers hear the count', async (t) => {
  const server = await serveStatic(samplePublic);
  t.after(server.close);
  const { page } = await launch(t);
  await page.goto(`${server.url}ky-nang-so/index.html`);
  const box = page.locator('#_khoa-search');
  await box.focus();
  await searchFor(page, 'dich vu cong');
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#_khoa-search-status').getAttribute('role'), 'status');
  assert.deepEqual(await axeViolations(page), [], 'no serious accessibility problem');

  await box.press('ArrowDown');
  await box.press('ArrowDown');
  const second = page.locator('#_khoa-search-results [role=option]').nth(1);
  assert.equal(await box.getAttribute('aria-activedescendant'), await second.getAttribute('id'));
  assert.equal(await second.getAttribute('aria-selected'), 'true');
  await box.press('ArrowUp');
  await box.press('Escape');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('.search-panel').isVisible(), false);

  await box.press('ArrowDown');
  const target = await page
    .locator('#_khoa-search-results [role=option]')
    .first()
    .getAttribute('href');
  const expected = new URL(target, page.url()).href;
  await Promise.all([page.waitForURL(expected), box.press('Enter')]);
  assert.equal(page.url(), `${server.url}ky-nang-so/dich-vu-cong/cong-dich-vu-cong.html`);
});

test('without JavaScript there is no box; the index holds text, not HTML or quiz answers', () => {
  const html = fs.readFileSync(path.join(samplePublic, 'index.html'), 'utf8');
  assert.match(html, /<div class="search"[^>]*data-khoa-search hidden>/);
  // Every language's index: the default language's, and each other's in its own folder.
  const files = [SEARCH_DIR, CATALOG_DIR].flatMap((dir) =>
    fs
      .readdirSync(dir, { recursive: true })
      .filter((f) => f.endsWith('.js'))
      .map((f) => path.join(dir, f)),
  );
  assert.ok(
    files.some((f) => f.includes(`${path.sep}en${path.sep}`)),
    'the English index is checked too',
  );
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    assert.ok(!source.includes('<'), `${file} holds no markup`);
    // The correct answer of a quiz in the "Mật khẩu mạnh" lesson.
    assert.ok(!source.includes('BaToiTrong5LuongRauMuong'), `${file} holds no quiz answer`);
  }
});
