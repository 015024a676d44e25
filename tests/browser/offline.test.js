// offline.test.js — one job: a learner takes a course offline, in headless Chromium over HTTP
// served as a CDN would: download a course, lose the network, keep learning (every lesson, a quiz,
// a reload, search, the completion page), get the offline page for what was not downloaded, get a
// new build as one switch (never a mix of old and new pages), two sites of one origin with separate
// caches, an installable app (CDP), and nothing at all from file://.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
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
      'content/c1/a.md': lesson('a', 'Bài A', `Nội dung bài A về lừa đảo.\n\n![Hình](hinh.png)\n\n${quiz}`),
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
  assert.equal(await b.page.locator(".offline-remove").isVisible(), false, await b.page.locator("[data-khoa-offline]").innerHTML());
  fs.renameSync(`${image}.away`, image);
  await b.page.locator('.offline-get').click();
  const status = b.page.locator('[data-khoa-offline] .offline-status');
  await h.waitUntil(async () => /sẵn sàng/.test(await text(status)), 'the second try ends');
  assert.match(await text(status), /^Đã sẵn sàng học offline \(0,\d MB\)\.$/);
  assert.equal(await b.page.locator('.offline-remove').isVisible(), true);

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
  assert.equal(server.served.length, before, `offline, nothing reached the server`);
  watch.assertClean('offline learning');
});
