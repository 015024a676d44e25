// learner-tools.test.js — one job: the learner's tools work as a learner uses them in headless
// Chromium: two profiles on one phone keep separate progress, export as a code and a file → clear
// → import gives the same state, and the certificate name is kept per profile.
'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');
const { test } = require('node:test');
const { serveStatic, tempDir } = require('./harness');
const { fixtureSites, open, answer, text, learn } = require('./progress-site');

const sites = fixtureSites();

test('two profiles on one phone keep separate progress', async (t) => {
  const server = await serveStatic(sites['site-a']);
  t.after(server.close);
  const { page } = await open(t);
  await learn(page, server.url);
  await page.goto(`${server.url}index.html`);
  assert.equal(
    await page.locator('.site-header select').count(),
    0,
    'one profile: no switcher in the way',
  );
  await page.locator('.khoa-tools summary').click();
  await page.getByLabel('Tên người học').fill('Bình');
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Thêm người học' }).click(),
  ]);
  const who = page.locator('.site-header select');
  assert.deepEqual(await who.locator('option').allTextContents(), ['Người học chính', 'Bình']);
  assert.equal(await text(page.locator('article[data-course-id=c1] .khoa-bar')), '0/3 bài · 0%');
  await page.goto(`${server.url}c1/m2/c.html`);
  await page.getByRole('button', { name: 'Đã học xong' }).click();
  await page.goto(`${server.url}index.html`);
  assert.equal(await text(page.locator('article[data-course-id=c1] .khoa-bar')), '1/3 bài · 33%');
  await Promise.all([page.waitForEvent('load'), who.selectOption({ label: 'Người học chính' })]);
  assert.equal(await text(page.locator('article[data-course-id=c1] .khoa-bar')), '2/3 bài · 66%');
  await page.locator('.khoa-tools summary').click();
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Xóa người học này' }).click(),
  ]);
  assert.equal(await page.locator('.site-header select').count(), 0, 'back to a single profile');
});

/** Stored progress of every course; `brief` keeps only what a text code carries. */
const dump = (page, brief) =>
  page.evaluate((brief) => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (/:c\d$/.test(k)) {
        const v = JSON.parse(localStorage.getItem(k));
        for (const l of Object.values(v.lessons)) delete l.l; // visiting the home page again is not progress
        if (brief) {
          for (const l of Object.values(v.lessons)) out[`${k} ${l.d ? 'done' : 'visited'}`] = 1;
          for (const [q, a] of Object.entries(v.answers)) out[`${k} ${q}`] = [a.ok, a.n];
          out[`${k} last`] = v.last;
        } else out[k] = v;
      }
    }
    return out;
  }, brief);

test('export as a code and a file, clear storage, import: the same state', async (t) => {
  const server = await serveStatic(sites['site-a']);
  t.after(server.close);
  const { page } = await open(t);
  await learn(page, server.url);
  await page.goto(`${server.url}c1/index.html`);
  const before = await dump(page);
  assert.equal(Object.keys(before).length, 1);
  await page.locator('.khoa-tools summary').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải tệp tiến độ (JSON)' }).click(),
  ]);
  const file = path.join(tempDir(t), 'progress.json');
  await download.saveAs(file);
  await page.getByRole('button', { name: 'Tạo mã tiến độ' }).click();
  await page.waitForFunction(() => document.querySelector('#_khoa-code').value !== ''); // compression is async
  const code = await page.locator('#_khoa-code').inputValue();
  assert.match(code, /^KHOA2Z\./, 'deflated where the browser can');
  assert.ok(code.length < 200, `a chat-sized code: ${code.length}`);
  const brief = await dump(page, true);

  for (const how of ['code', 'file']) {
    await page.evaluate(() => localStorage.clear()); // the learner wipes the browser; the site never does
    await page.reload();
    assert.equal(await text(page.locator('main > .khoa-slot > .khoa-bar')), '0/3 bài · 0%');
    await page.locator('.khoa-tools summary').click();
    if (how === 'code') {
      await page.locator('#_khoa-import').fill(`${code.slice(0, 10)}X${code.slice(11)}`);
      await page.getByRole('button', { name: 'Nhập tiến độ' }).click();
      assert.match(await text(page.locator('.khoa-import-result')), /Mã không đúng/);
      assert.deepEqual(await dump(page), {}, 'a bad code changes nothing');
      await page.locator('#_khoa-import').fill(code.replace(/(.{30})/g, '$1\n'));
      await page.getByRole('button', { name: 'Nhập tiến độ' }).click();
    } else {
      await page.locator('.khoa-tools input[type=file]').setInputFiles(file);
    }
    await page.locator('.khoa-import-result', { hasText: 'Đã nhập' }).waitFor();
    assert.match(
      await text(page.locator('.khoa-import-result')),
      /1 khóa học \(2 bài, 1 câu trả lời\)/,
    );
    assert.equal(
      await text(page.locator('main > .khoa-slot > .khoa-bar')),
      '2/3 bài · 66%',
      `${how}: the dashboard updates`,
    );
    if (how === 'file')
      assert.deepEqual(await dump(page), before, 'file: the same state after import');
    else
      assert.deepEqual(
        await dump(page, true),
        brief,
        'code: the same lessons, results and attempts',
      );
  }
});

test('the name typed on the completion page is kept per profile and shown as text', async (t) => {
  const server = await serveStatic(sites['site-a']);
  t.after(server.close);
  const { page } = await open(t);
  const base = server.url;
  await page.goto(`${base}c2/r1.html`);
  await answer(page, 'qr', true);
  await page.getByRole('button', { name: 'Đã học xong' }).click();
  await page.goto(`${base}c2/completion.html`);
  const name = page.getByLabel('Tên của bạn');
  await name.fill('<b>Trần Thị Ân</b>');
  await name.press('Tab');
  await page.reload();
  assert.equal(await name.inputValue(), '<b>Trần Thị Ân</b>', 'typed once, kept after a reload');
  const shown = page.locator('#_khoa-certificate-name');
  assert.equal(await shown.textContent(), '<b>Trần Thị Ân</b>');
  assert.equal(await shown.locator('b').count(), 0, 'inserted as text, never as markup');
  const saved = await page.evaluate(() =>
    JSON.parse(localStorage.getItem('khoa:v1:site-a:profiles')),
  );
  assert.deepEqual(
    saved.list,
    [{ id: 'default', name: '', full: '<b>Trần Thị Ân</b>' }],
    'kept in the learner profile',
  );
});
