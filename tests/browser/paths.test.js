// paths.test.js — one job: a learner follows a learning path in headless Chromium, over HTTP and
// from file://: a course page lists the courses to learn first ("Nên học trước") with how far the
// learner is in each (from the progress stored in the browser), and shows "Học tiếp" with the next
// course only once the course is done; without JavaScript the list is still there.
'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');
const { test, before } = require('node:test');
const { launch, serveStatic, fileUrl, watchPage, buildSite, makeProject } = require('./harness');

const lesson = (title) => `---\ntitle: ${title}\ndescription: Mô tả.\n---\nNội dung.\n`;
const project = makeProject({
  'khoa.yaml': 'title: Lộ trình\nsite_id: lo-trinh\n',
  'content/01-nang-cao/_index.md':
    '---\ntitle: Nâng cao\ndescription: Sau cơ bản.\nrequires: [co-ban]\n---\nGiới thiệu.\n',
  'content/01-nang-cao/a.md': lesson('Bài nâng cao'),
  'content/02-co-ban/_index.md':
    '---\ntitle: Cơ bản\ndescription: Bắt đầu ở đây.\ncomplete: read\nnext: nang-cao\n---\nGiới thiệu.\n',
  'content/02-co-ban/a.md': lesson('Bài một'),
  'content/02-co-ban/b.md': lesson('Bài hai'),
});
const site = path.join(project, 'public');

before(() => buildSite(project, site));

const text = async (locator) => (await locator.textContent()).replace(/\s+/g, ' ').trim();

async function followThePath(page, base) {
  await page.goto(`${base}index.html`);
  const titles = await page.locator('.course-card h3').allTextContents();
  assert.deepEqual(titles, ['Cơ bản', 'Nâng cao'], 'the required course comes first');

  await page.goto(`${base}nang-cao/index.html`);
  const required = page.locator('.course-requires li[data-course-id="co-ban"]');
  assert.equal(await text(page.locator('#_khoa-requires')), 'Nên học trước');
  assert.equal(await text(required.locator('.khoa-bar')), '0/2 bài · 0%');

  await page.goto(`${base}co-ban/index.html`);
  const next = page.locator('.course-next');
  assert.equal(await next.isVisible(), false, 'not before the course is done');
  for (const lesson of ['a', 'b']) {
    await page.goto(`${base}co-ban/${lesson}.html`);
    await page.getByRole('button', { name: 'Đã học xong' }).click();
  }
  await page.goto(`${base}co-ban/index.html`);
  assert.equal(await next.isVisible(), true, 'shown once the course is done');
  assert.equal(await text(next), 'Học tiếp: Nâng cao');
  await next.getByRole('link').click();
  await page.waitForURL(/nang-cao\/index\.html$/);
  assert.equal(await text(required.locator('.khoa-bar')), '2/2 bài · 100%');
}

test('over HTTP: the required course with its progress, then the next course once done', async (t) => {
  const server = await serveStatic(site);
  t.after(server.close);
  const { page } = await launch(t);
  const watch = watchPage(page);
  await followThePath(page, server.url);
  watch.assertClean('learning path over HTTP');
});

test('from file://: the same path', async (t) => {
  const { page } = await launch(t);
  const watch = watchPage(page);
  await followThePath(page, `${fileUrl(site)}/`);
  watch.assertClean('learning path from file://');
});

test('without JavaScript the courses to learn first are still listed and linked', async (t) => {
  const { page } = await launch(t, { javaScriptEnabled: false });
  await page.goto(`${fileUrl(site)}/nang-cao/index.html`);
  const link = page.locator('.course-requires li a');
  assert.equal(await text(link), 'Cơ bản');
  assert.equal(await link.getAttribute('href'), '../co-ban/index.html');
  assert.equal(await page.locator('.course-requires .khoa-bar').count(), 0);
});
