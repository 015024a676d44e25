// offline.test.js — one job: a learner takes a course offline, in headless Chromium over HTTP
// served as a CDN would: download a course, lose the network, keep learning (every lesson, a quiz,
// a reload, search, the completion page), get the offline page for what was not downloaded, get a
// new build as one switch (never a mix of old and new pages), two sites of one origin with separate
// caches, an installable app (CDP), and nothing at all from file://.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { test } = require('node:test');
const h = require('./harness');

const quiz = '```quiz id=qa\nCâu A?\n\n- [x] Đúng\n- [ ] Sai\n```\n';
const lesson = (id, title, text) =>
  `---\ntitle: ${title}\nid: ${id}\ndescription: ${title}\n---\n${text}\n`;
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function project(t, siteId, { lessonB = 'Chữ cũ của bài B.', title = 'Trang học' } = {}) {
  const dir = h.makeProject(
    {
      'khoa.yaml': `title: ${title}\nlanguage: vi\nsite_id: ${siteId}\n`,
      'content/c1/_index.md': '---\ntitle: Khóa một\nid: c1\ndescription: Một\n---\nGiới thiệu.\n',
      'content/c1/a.md': lesson(
        'a',
        'Bài A',
        `Nội dung bài A về lừa đảo.\n\n![Hình](hinh.png)\n\n${quiz}`,
      ),
      'content/c1/b.md': lesson('b', 'Bài B', lessonB),
      'content/c2/_index.md': '---\ntitle: Khóa hai\nid: c2\ndescription: Hai\n---\nGiới thiệu.\n',
      'content/c2/r.md': lesson('r', 'Bài đọc', 'Bài của khóa hai.'),
    },
    t,
  );
  fs.writeFileSync(path.join(dir, 'content/c1/hinh.png'), PIXEL);
  return dir;
}

function built(t, siteId, options) {
  const dir = project(t, siteId, options);
  h.buildSite(dir, path.join(dir, 'public'));
  return dir;
}

const text = async (locator) => ((await locator.textContent()) || '').replace(/\s+/g, ' ').trim();

/** Opens the course page and downloads the course; returns the status line once ready. */
async function download(page, courseUrl) {
  await page.goto(courseUrl);
  const get = page.locator('[data-khoa-offline] .offline-get');
  await get.waitFor({ state: 'visible' });
  await get.click();
  const status = page.locator('[data-khoa-offline] .offline-status');
  await h.waitUntil(async () => /sẵn sàng|Không/.test(await text(status)), 'the download ends');
  return text(status);
}

const cacheNames = (page) => page.evaluate(() => caches.keys());

test('a downloaded course works with no network: lessons, a quiz, a reload, search, completion', async (t) => {
  const dir = built(t, 'site-off');
  const server = await h.serveStatic(path.join(dir, 'public'));
  t.after(server.close);
  const b = await h.launch(t);
  const watch = h.watchPage(b.page, { ignore: [/ERR_INTERNET_DISCONNECTED/] });
  await b.page.goto(`${server.url}index.html`);

  // A file that cannot be fetched: the download fails in plain words and is not reported ready.
  const image = path.join(dir, 'public/c1/hinh.png');
  fs.renameSync(image, `${image}.away`);
  const failed = await download(b.page, `${server.url}c1/index.html`);
  assert.match(failed, /Không tải được c1\/hinh\.png/, failed);
  assert.equal(
    await b.page.locator('.offline-remove').isVisible(),
    false,
    await b.page.locator('[data-khoa-offline]').innerHTML(),
  );
  fs.renameSync(`${image}.away`, image);
  await b.page.evaluate(() => {
    window.__said = [];
    const status = document.querySelector('.offline-status');
    new MutationObserver(() => window.__said.push(status.textContent)).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await b.page.locator('.offline-get').click();
  const status = b.page.locator('[data-khoa-offline] .offline-status');
  await h.waitUntil(async () => /sẵn sàng/.test(await text(status)), 'the second try ends');
  assert.match(await text(status), /^Đã sẵn sàng học offline \(0,\d MB\)\.$/);
  assert.equal(await b.page.locator('.offline-remove').isVisible(), true);
  const said = await b.page.evaluate(() => window.__said);
  assert.match(said[0], /^Đang tải 1\/\d+ tệp · 0,\d MB \/ 0,\d MB$/, said.join('\n'));
  assert.equal(said.filter((s) => /sẵn sàng/.test(s)).length, 1, 'ready only at the end');
  assert.match(said[said.length - 2], /^Đang tải (\d+)\/\1 tệp/, 'every file counted first');

  await b.context.setOffline(true);
  const before = server.served.length;
  for (const [url, title] of [
    ['c1/a.html', 'Bài A'],
    ['c1/b.html', 'Bài B'],
    ['c1/index.html', 'Khóa một'],
    ['index.html', 'Trang học'],
  ]) {
    await b.page.goto(server.url + url);
    assert.equal(await text(b.page.locator('h1')), title, url);
  }
  await b.page.goto(`${server.url}c1/a.html`);
  assert.equal(await b.page.locator('img[src="hinh.png"]').evaluate((i) => i.naturalWidth), 1);
  await b.page.locator('.quiz-option', { hasText: 'Đúng' }).click();
  await b.page.locator('.quiz-check').click();
  await b.page.reload();
  const right = b.page.locator('.quiz-option', { hasText: 'Đúng' }).locator('input');
  assert.equal(await right.isChecked(), true, 'the answer survives a reload offline');
  const stored = await b.page.evaluate(() => localStorage.getItem('khoa:v1:site-off:default:c1'));
  assert.equal(JSON.parse(stored).answers.qa.ok, true);

  const box = b.page.locator('#_khoa-search');
  await box.pressSequentially('lua dao', { delay: 5 });
  const hit = b.page.locator('#_khoa-search-results [role=option]').first();
  await hit.waitFor({ state: 'visible' });
  assert.match(await hit.getAttribute('href'), /a\.html$/);
  await b.page.goto(`${server.url}c1/completion.html`);
  assert.match(await text(b.page.locator('h1')), /Giấy hoàn thành/);

  // A course that was not downloaded: the offline page, listing what was.
  await b.page.goto(`${server.url}c2/r.html`);
  assert.equal(await text(b.page.locator('h1')), 'Bạn đang offline');
  const listed = b.page.locator('[data-khoa-offline-list] a');
  await listed.first().waitFor({ state: 'visible' });
  assert.equal(await text(listed), 'Khóa một');
  await listed.click();
  assert.equal(await text(b.page.locator('h1')), 'Khóa một', 'the offline page links the course');
  await h.waitUntil(async () => /sẵn sàng/.test(await text(status)), 'the course says it is ready');
  assert.equal(server.served.length, before, `offline, nothing reached the server`);

  // Removing the download keeps the learner's progress.
  await b.page.locator('.offline-remove').click();
  await h.waitUntil(async () => /Đã xóa/.test(await text(status)), 'the download is removed');
  assert.ok(!(await cacheNames(b.page)).some((n) => n.includes('|course|')));
  assert.equal(await b.page.locator('.offline-get').isVisible(), true);
  const kept = await b.page.evaluate(() => localStorage.getItem('khoa:v1:site-off:default:c1'));
  assert.equal(kept, stored);
  watch.assertClean('offline learning');
});

test('a lesson page offers its course for offline use too, and the download works', async (t) => {
  const dir = built(t, 'site-lesson');
  const server = await h.serveStatic(path.join(dir, 'public'));
  t.after(server.close);
  const b = await h.launch(t);
  const said = await download(b.page, `${server.url}c1/b.html`);
  assert.match(said, /^Đã sẵn sàng học offline \(0,\d MB\)\.$/, said);
  assert.equal(await text(b.page.locator('h1')), 'Bài B', 'still on the lesson');
  await b.context.setOffline(true);
  for (const [url, title] of [
    ['c1/a.html', 'Bài A'],
    ['c1/index.html', 'Khóa một'],
  ]) {
    await b.page.goto(server.url + url);
    assert.equal(await text(b.page.locator('h1')), title, url);
  }
  await b.page.goto(`${server.url}c2/r.html`);
  assert.equal(await text(b.page.locator('h1')), 'Bạn đang offline', 'only that course was kept');
});

test('a new build: the notice appears, one click switches every page at once', async (t) => {
  const dir = built(t, 'site-up');
  const server = await h.serveStatic(path.join(dir, 'public'));
  t.after(server.close);
  const b = await h.launch(t);
  const watch = h.watchPage(b.page);
  assert.match(await download(b.page, `${server.url}c1/index.html`), /sẵn sàng/);
  const oldNames = await cacheNames(b.page);

  fs.writeFileSync(path.join(dir, 'content/c1/b.md'), lesson('b', 'Bài B', 'Chữ mới của bài B.'));
  h.buildSite(dir, path.join(dir, 'public'));
  await b.page.reload();
  const notice = b.page.locator('.offline-update');
  await notice.waitFor({ state: 'visible', timeout: 20_000 });
  assert.equal(await text(notice), 'Có nội dung mới — Cập nhật');
  // Until the learner switches, every page is the old build's, the changed one too.
  const other = await b.newPage();
  await other.goto(`${server.url}c1/b.html`);
  assert.match(await text(other.locator('main')), /Chữ cũ/);
  await other.close();

  const reloaded = b.page.waitForEvent('load');
  await notice.locator('button').click();
  await reloaded;
  const names = await cacheNames(b.page);
  assert.equal(names.filter((n) => oldNames.includes(n)).length, 0, `old caches gone: ${names}`);
  assert.ok(
    names.some((n) => n.includes('|course|')),
    `the course came along: ${names}`,
  );
  await b.context.setOffline(true);
  await b.page.goto(`${server.url}c1/b.html`);
  assert.match(await text(b.page.locator('main')), /Chữ mới/);
  await b.page.goto(`${server.url}c1/index.html`);
  const status = b.page.locator('[data-khoa-offline] .offline-status');
  await h.waitUntil(async () => /sẵn sàng/.test(await text(status)), 'the course is still ready');
  watch.assertClean('update');
});

test('two sites under /a/ and /b/ of one origin keep separate caches', async (t) => {
  const a = built(t, 'site-a', { title: 'Trang A' });
  const other = built(t, 'site-b', { title: 'Trang B', lessonB: 'Bài B của trang B.' });
  const server = await h.serveStatic({
    '/a/': path.join(a, 'public'),
    '/b/': path.join(other, 'public'),
  });
  t.after(server.close);
  const b = await h.launch(t);
  const watch = h.watchPage(b.page, { ignore: [/ERR_INTERNET_DISCONNECTED/] });
  assert.match(await download(b.page, `${server.urlFor('/a/')}c1/index.html`), /sẵn sàng/);
  await b.page.goto(`${server.urlFor('/b/')}index.html`);
  await b.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await b.page.goto(`${server.urlFor('/b/')}c2/r.html`); // visited online: kept
  const names = await cacheNames(b.page);
  for (const n of names) {
    assert.match(n, /^khoa\|(site-a\|http:\/\/[^|]+\/a\/|site-b\|http:\/\/[^|]+\/b\/)\|/, n);
  }
  await b.context.setOffline(true);
  await b.page.goto(`${server.urlFor('/a/')}c1/b.html`);
  assert.match(await text(b.page.locator('main')), /Chữ cũ/);
  await b.page.goto(`${server.urlFor('/b/')}c2/r.html`);
  assert.equal(await text(b.page.locator('h1')), 'Bài đọc', 'a page visited online opens offline');
  await b.page.goto(`${server.urlFor('/b/')}c1/b.html`);
  assert.equal(await text(b.page.locator('h1')), 'Bạn đang offline', 'b never serves a’s page');
  const listed = b.page.locator('[data-khoa-offline-list] .offline-none');
  await listed.waitFor({ state: 'visible' });
  watch.assertClean('two sites');
});

test('the site is installable: Chrome reports no installability errors', async (t) => {
  const dir = built(t, 'site-app');
  const server = await h.serveStatic(path.join(dir, 'public'), { prefix: '/khoa/' });
  t.after(server.close);
  // Chrome never offers to install from an incognito profile, which every harness context is.
  // The profile folder is removed only once Chromium has closed: removing it while Chromium
  // still writes there fails with ENOTEMPTY on a busy machine.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'khoa-profile-'));
  const context = await require('playwright-core').chromium.launchPersistentContext(profile, {
    executablePath: h.chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  t.after(async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  });
  const page = context.pages()[0] || (await context.newPage());
  const watch = h.watchPage(page);
  await page.goto(`${server.url}index.html`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.equal(manifest.url, `${server.url}manifest.webmanifest`);
  watch.assertClean('installable');
});

test('from file:// nothing is registered and nothing is logged', async (t) => {
  const dir = built(t, 'site-file');
  const b = await h.launch(t);
  const watch = h.watchPage(b.page);
  for (const page of ['index.html', 'c1/index.html', 'c1/a.html']) {
    await b.page.goto(h.fileUrl(path.join(dir, 'public', page)));
    await b.page.waitForLoadState('load');
    assert.equal(await b.page.locator('link[rel=manifest]').count(), 0, page);
    assert.equal(await b.page.locator('[data-khoa-offline]:not([hidden])').count(), 0, page);
  }
  assert.equal(b.context.serviceWorkers().length, 0);
  watch.assertClean('file://');
});

test('in the khoa serve preview no worker keeps pages, and one left earlier is removed', async (t) => {
  const dir = built(t, 'site-preview');
  const server = await h.serveStatic(path.join(dir, 'public'));
  t.after(server.close);
  const b = await h.launch(t);
  const watch = h.watchPage(b.page);
  await b.page.goto(`${server.url}index.html`);
  await b.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await b.context.addInitScript(() => {
    window.KhoaPreview = 1; // what khoa serve's injected script sets
  });
  await b.page.goto(`${server.url}c1/index.html`);
  await h.waitUntil(
    () => b.page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => !r.length)),
    'the earlier worker is unregistered',
  );
  assert.equal(await b.page.locator('link[rel=manifest]').count(), 0);
  assert.equal(await b.page.locator('[data-khoa-offline]').isVisible(), false);
  watch.assertClean('preview');
});
