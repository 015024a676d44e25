// navigation.test.js — one job: a learner can walk the sample site by clicking (home → course →
// lesson → next lesson → home), from file:// and over HTTP under a sub-path, with no broken
// request, no console error and no request leaving the machine.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before } = require('node:test');
const { launch, serveStatic, fileUrl, watchPage, samplePublic } = require('./harness');

const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();

before(() => {
  const home = path.join(samplePublic, 'index.html');
  assert.ok(fs.existsSync(home), `${home} is missing: build the sample site first (scripts/test)`);
});

/** Clicks `link` and waits until the page at the link's resolved href has loaded. */
async function follow(page, link) {
  const href = await link.getAttribute('href');
  assert.ok(href, 'link has an href');
  assert.ok(!href.startsWith('/') && !/^[a-z]+:/i.test(href), `link ${href} must be relative`);
  const expected = new URL(href, page.url()).href.split('#')[0];
  await link.click();
  await page.waitForURL((u) => u.href.split('#')[0] === expected);
  return expected;
}

async function h1(page) {
  return squash(await page.locator('h1').first().textContent());
}

/** The learner's walk; `base` is the URL every page must stay under. */
async function walkCourse(page, homeUrl, base) {
  await page.goto(homeUrl);
  const homeTitle = await h1(page);
  assert.ok(homeTitle, 'home has an <h1>');

  const card = page.locator('article.course-card').first();
  const cardText = squash(await card.textContent());
  const courseUrl = await follow(page, card.locator('a.course-link').first());
  assert.match(courseUrl, /\/index\.html$/, 'course link names its index.html');
  const courseTitle = await h1(page);
  assert.ok(courseTitle, 'course page has an <h1>');
  assert.ok(cardText.includes(courseTitle), `course card "${cardText}" names "${courseTitle}"`);

  const lessons = page.locator('a.lesson-link');
  assert.ok((await lessons.count()) >= 2, 'the first course lists at least two lessons');
  const first = lessons.nth(0);
  const secondUrl = new URL(await lessons.nth(1).getAttribute('href'), page.url()).href;
  const firstText = squash(await first.textContent());
  const firstUrl = await follow(page, first);
  assert.match(firstUrl, /\.html$/, 'lesson URL names an .html file');
  const lessonTitle = await h1(page);
  assert.ok(firstText.includes(lessonTitle), `lesson link "${firstText}" names "${lessonTitle}"`);
  assert.equal(
    (await page.locator('main#_khoa-main h1').count()) >= 1,
    true,
    '<main id="_khoa-main"> holds the title',
  );

  await follow(page, page.locator('nav.pager a[rel="next"]').first());
  assert.equal(page.url(), secondUrl, 'rel=next goes to the second lesson of the course list');
  const nextTitle = await h1(page);
  assert.ok(nextTitle && nextTitle !== lessonTitle, 'the next lesson has its own title');

  const homeAgain = await follow(page, page.locator('nav.breadcrumbs a').first());
  assert.equal(homeAgain, new URL(homeUrl).href, 'the first breadcrumb goes home');
  assert.equal(await h1(page), homeTitle);

  for (const u of [courseUrl, firstUrl, secondUrl, homeAgain]) {
    assert.ok(u.startsWith(base), `${u} stays under ${base}`);
  }
}

test('from file://, a learner walks home → course → lesson → next → home', async (t) => {
  const { page } = await launch(t);
  const watch = watchPage(page);
  const homeUrl = fileUrl(path.join(samplePublic, 'index.html'));
  await walkCourse(page, homeUrl, `${fileUrl(samplePublic)}/`);
  watch.assertClean('file:// walk');
});

test('over HTTP under /mirror/sub/, the same walk stays under the sub-path', async (t) => {
  const server = await serveStatic(samplePublic, { prefix: '/mirror/sub/' });
  t.after(server.close);
  const { page } = await launch(t);
  const watch = watchPage(page);
  await walkCourse(page, `${server.url}index.html`, server.url);
  watch.assertClean('HTTP sub-path walk');
});
