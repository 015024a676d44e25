// read-aloud.test.js — one job: "Nghe bài" as a learner hears it, in headless Chromium with a stub
// speechSynthesis installed by an init script (Chromium here has no voices): what is read and in
// which order and language, the block highlighted, pause/resume, stop, speed, and the button
// hidden without a voice for the page's language, from file:// and over HTTP.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const { launch, watchPage, fileUrl, samplePublic } = require('./harness');
const { learnersSite, baseUrl, squash } = require('./learners-site');

const site = learnersSite();

/** A speechSynthesis (and utterance) that records utterances and ends one only when the test says so. */
const STUB = (voices) => {
  const log = [];
  const stub = {
    paused: false,
    speaking: false,
    current: null,
    calls: [],
    getVoices: () => voices,
    addEventListener() {},
    speak(u) {
      log.push({ text: u.text, lang: u.lang, rate: u.rate });
      stub.current = u;
    },
    pause() {
      stub.calls.push('pause');
      stub.paused = true;
    },
    resume() {
      stub.calls.push('resume');
      stub.paused = false;
    },
    cancel() {
      stub.calls.push('cancel');
      const u = stub.current;
      stub.current = null;
      if (u?.onerror) u.onerror({ error: 'interrupted' });
    },
  };
  window.__speech = {
    log,
    stub,
    finish() {
      const u = stub.current;
      stub.current = null;
      if (u?.onend) u.onend({});
    },
  };
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: stub });
  // The real constructor accepts only the browser's own voice objects.
  window.SpeechSynthesisUtterance = function (text) {
    this.text = text;
  };
};

async function openLesson(t, how, voices) {
  const b = await launch(t);
  await b.context.addInitScript(STUB, voices);
  const watch = watchPage(b.page);
  await b.page.goto(`${await baseUrl(t, site, how)}c/m1/a.html`);
  return { page: b.page, watch };
}

const VI = [{ lang: 'vi-VN', name: 'Tiếng Việt', localService: true }];
const said = (page) => page.evaluate(() => window.__speech.log);

for (const how of ['file', 'http']) {
  test(`${how}: reads title, prose, headings and quiz stems in order, in Vietnamese, skipping code and answers`, async (t) => {
    const { page, watch } = await openLesson(t, how, VI);
    const play = page.getByRole('button', { name: 'Nghe bài' });
    assert.ok(await play.isVisible(), 'the button shows with a Vietnamese voice');
    await page.locator('.read-speed select').selectOption('1.25');
    const loaded = () => page.evaluate(() => typeof window.KhoaReadAloud);
    assert.equal(await loaded(), 'undefined', 'the reader loads on the first press only');
    await play.click();
    await page.locator('.read-now').waitFor();
    assert.equal(await loaded(), 'object');
    assert.equal(squash(await page.locator('.read-now').textContent()), 'Bài mở đầu');
    for (let i = 0; i < 40 && (await page.evaluate(() => window.__speech.stub.current)); i++) {
      await page.evaluate(() => window.__speech.finish());
    }
    const log = await said(page);
    const texts = log.map((u) => u.text);
    assert.deepEqual(texts, [
      'Bài mở đầu',
      'Câu văn thứ nhất của bài. Câu văn thứ hai.',
      'Mục hai',
      'Điều một',
      'Điều hai',
      'Xem trang ngoài và .',
      'Câu hỏi về mật khẩu?',
      'Gõ từ bí mật.',
    ]);
    assert.ok(
      log.every((u) => u.lang === 'vi-VN' && u.rate === 1.25),
      JSON.stringify(log),
    );
    assert.equal(await page.locator('.read-now').count(), 0, 'the highlight goes at the end');
    assert.ok(await play.isVisible(), 'and the play button comes back');
    watch.assertClean();
  });
}

test('pause and resume, highlight and scroll, stop', async (t) => {
  const { page, watch } = await openLesson(t, 'http', VI);
  await page.getByRole('button', { name: 'Nghe bài' }).click();
  await page.locator('.read-now').waitFor();
  for (let i = 0; i < 6; i++) await page.evaluate(() => window.__speech.finish());
  const now = page.locator('.read-now');
  assert.equal(squash(await now.textContent()), 'Câu hỏi về mật khẩu?');
  assert.ok(await now.evaluate((el) => el.classList.contains('quiz-stem')));
  const box = await now.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 915, `scrolled into view: ${box.y}`);
  await page.getByRole('button', { name: 'Tạm dừng' }).click();
  assert.equal(await page.evaluate(() => window.__speech.stub.paused), true);
  await page.getByRole('button', { name: 'Nghe tiếp' }).click();
  assert.equal(await page.evaluate(() => window.__speech.stub.paused), false);
  assert.deepEqual(await page.evaluate(() => window.__speech.stub.calls.slice(-2)), [
    'pause',
    'resume',
  ]);
  await page.getByRole('button', { name: 'Dừng đọc' }).click();
  assert.equal(await page.locator('.read-now').count(), 0);
  const count = (await said(page)).length;
  await page.evaluate(() => window.__speech.finish());
  assert.equal((await said(page)).length, count, 'nothing more is read after stop');
  assert.ok(await page.getByRole('button', { name: 'Nghe bài' }).isVisible());
  watch.assertClean();
});

test('hidden when the browser has no voice for the page language', async (t) => {
  const english = [{ lang: 'en-US', name: 'English', localService: true }];
  const remote = [{ lang: 'vi-VN', name: 'Online', localService: false }];
  for (const voices of [[], english, remote]) {
    const { page, watch } = await openLesson(t, 'file', voices);
    await page.locator('.quiz-score').waitFor();
    assert.equal(await page.locator('[data-khoa-read]').isVisible(), false, JSON.stringify(voices));
    watch.assertClean();
  }
});

test('a page not translated yet is read in the language of its text, with buttons in the page language', async (t) => {
  const b = await launch(t);
  await b.context.addInitScript(STUB, VI);
  const watch = watchPage(b.page);
  const page = b.page;
  await page.goto(`${fileUrl(samplePublic)}/en/ky-nang-so/an-toan/ma-otp.html`);
  const play = page.getByRole('button', { name: 'Listen' });
  assert.ok(
    await play.isVisible(),
    'a Vietnamese voice reads the Vietnamese text of an English page',
  );
  await play.click();
  // The reader loads on the first press: wait until it speaks, as the other tests do.
  await page.locator('.read-now').waitFor();
  await page.evaluate(() => window.__speech.finish());
  const log = await said(page);
  assert.ok(log.length > 0 && log.every((u) => u.lang === 'vi-VN'), JSON.stringify(log));
  assert.equal(log[0].text, squash(await page.locator('.lesson-body h1').textContent()));
  await page.locator('.read-stop').click();
  watch.assertClean();
});
