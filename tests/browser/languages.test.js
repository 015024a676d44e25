// languages.test.js — one job: the sample site in Vietnamese and English as a learner uses it:
// switching language with the switcher (plain links), English UI strings, the note on a page not
// translated yet, progress made in Vietnamese showing on the English page after a reload, and
// search on an English page finding English words and not Vietnamese-only ones; from file:// and
// over HTTP.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const { launch, watchPage, serveStatic, fileUrl, samplePublic } = require('./harness');

const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
const LESSON = 'ky-nang-so/mua-sam/chon-cua-hang-uy-tin.html';
const UNTRANSLATED = 'ky-nang-so/an-toan/ma-otp.html';

async function siteRoot(t, how) {
  if (how === 'file') return `${fileUrl(samplePublic)}/`;
  const server = await serveStatic(samplePublic, { prefix: '/site/' });
  t.after(() => server.close());
  return server.urlFor('/site/');
}

/** Types `query` into the search box and waits until the search has answered; returns the result
 * links and the note shown. */
async function search(page, query) {
  const box = page.locator('#_khoa-search');
  await box.click();
  await box.fill(query);
  const note = page.locator('.search-note');
  await page.waitForFunction(
    () => {
      const shown = document.querySelector('.search-note');
      return shown?.textContent && !/Loading|Đang tải/.test(shown.textContent);
    },
    null,
    { timeout: 10000 },
  );
  const hrefs = await page
    .locator('#_khoa-search-results [role=option]')
    .evaluateAll((links) => links.map((a) => a.href));
  return { hrefs, note: squash(await note.textContent()) };
}

for (const how of ['file', 'http']) {
  test(`${how}: switch language, shared progress, the untranslated note, English search`, async (t) => {
    const { page } = await launch(t);
    const watch = watchPage(page);
    const root = await siteRoot(t, how);

    await page.goto(`${root}${LESSON}`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    const quiz = page.locator('#_khoa-q-mua-sam-ngoai-san');
    await quiz.locator('label', { hasText: 'Vì bạn mất sự bảo vệ của sàn' }).click();
    await quiz.locator('.quiz-check').click();
    assert.match(squash(await quiz.locator('.quiz-result').textContent()), /^✓ Đúng/);

    await page.locator('.lang-switch a', { hasText: 'English' }).click();
    await page.waitForURL(`${root}en/${LESSON}`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(squash(await page.locator('h1').textContent()), 'Choosing a trustworthy seller');
    assert.equal(await page.locator('.lang-switch a[aria-current=page]').textContent(), 'English');
    assert.equal(squash(await page.locator('.breadcrumbs a').first().textContent()), 'Home');
    const translated = page.locator('#_khoa-q-mua-sam-ngoai-san');
    await translated.locator('.quiz-result').waitFor();
    assert.match(
      squash(await translated.locator('.quiz-result').textContent()),
      /^✓ Correct/,
      'the answer given in Vietnamese is restored on the English page',
    );
    assert.equal(squash(await translated.locator('.quiz-check').textContent()), 'Check');
    await page.reload();
    await translated.locator('.quiz-result').waitFor();
    assert.match(squash(await translated.locator('.quiz-result').textContent()), /^✓ Correct/);
    assert.equal(await page.locator('.untranslated').count(), 0);

    await page.goto(`${root}en/${UNTRANSLATED}`);
    const note = page.locator('.untranslated');
    assert.equal(
      squash(await note.textContent()),
      'This page is not translated yet; shown in Tiếng Việt.',
    );
    assert.equal(await page.locator('article.lesson-body').getAttribute('lang'), 'vi');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.locator('.lang-switch a', { hasText: 'Tiếng Việt' }).click();
    await page.waitForURL(`${root}${UNTRANSLATED}`);
    assert.equal(await page.locator('.untranslated').count(), 0);

    await page.goto(`${root}en/${LESSON}`);
    const found = await search(page, 'marketplace');
    assert.ok(found.hrefs.length > 0, found.note);
    for (const href of found.hrefs) assert.ok(href.startsWith(`${root}en/`), href);
    const english = await search(page, 'trustworthy seller');
    assert.equal(english.hrefs[0], `${root}en/${LESSON}`);
    const vietnameseOnly = await search(page, 'chính hãng');
    assert.deepEqual(vietnameseOnly.hrefs, [], 'a Vietnamese word is not found in English');
    assert.equal(vietnameseOnly.note, 'No lessons found.');
    await page.goto(`${root}${LESSON}`);
    const vietnamese = await search(page, 'chính hãng');
    assert.ok(vietnamese.hrefs.includes(`${root}${LESSON}`), vietnamese.note);
    watch.assertClean();
  });
}
