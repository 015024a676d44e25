// images.test.js — one job: images sized for phones, as a learner on a phone sees them. A
// 3000×2000 photo (made here in Chromium: gradients and sensor-like noise) in a lesson: at 360 px
// the page loads a copy under 150 KB and never the original, Lighthouse's "Properly size images"
// passes, and offline a phone whose screen wants a wider copy gets the one the download kept.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const h = require('./harness');
const { lighthouse } = require('./lighthouse');

/** A 3000×2000 JPEG photo drawn in the page's canvas: smooth gradients, blobs, fine noise. */
async function photo(page) {
  const base64 = await page.evaluate(() => {
    const w = 3000;
    const hgt = 2000;
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = hgt;
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, w, hgt);
    sky.addColorStop(0, '#2a6fb0');
    sky.addColorStop(0.6, '#e8c07a');
    sky.addColorStop(1, '#3d5c2a');
    g.fillStyle = sky;
    g.fillRect(0, 0, w, hgt);
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 60; i++) {
      g.fillStyle = `hsla(${Math.floor(random() * 360)}, 50%, 50%, 0.35)`;
      g.beginPath();
      g.arc(random() * w, random() * hgt, 80 + random() * 300, 0, Math.PI * 2);
      g.fill();
    }
    const pixels = g.getImageData(0, 0, w, hgt);
    const d = pixels.data;
    for (let i = 0; i < d.length; i += 4) {
      const n = (random() - 0.5) * 24;
      d[i] += n;
      d[i + 1] += n;
      d[i + 2] += n;
    }
    g.putImageData(pixels, 0, 0);
    return canvas.toDataURL('image/jpeg', 0.92).split(',')[1];
  });
  return Buffer.from(base64, 'base64');
}

async function builtWithPhoto(t) {
  const b = await h.launch(t);
  const jpeg = await photo(b.page);
  await b.close();
  const dir = h.makeProject(
    {
      'khoa.yaml': 'title: Ảnh\nlanguage: vi\nsite_id: anh\n',
      'content/c/_index.md': '---\ntitle: Khóa ảnh\nid: c\ndescription: Ảnh\n---\nGiới thiệu.\n',
      'content/c/a.md':
        '---\ntitle: Bài có ảnh\nid: a\ndescription: Một bức ảnh\n---\nTrước khi chụp.\n\n![Cánh đồng lúc chiều](hinh/canh-dong.jpg)\n\nChữ sau ảnh.\n',
    },
    t,
  );
  fs.mkdirSync(path.join(dir, 'content/c/hinh'));
  fs.writeFileSync(path.join(dir, 'content/c/hinh/canh-dong.jpg'), jpeg);
  const out = path.join(dir, 'public');
  h.buildSite(dir, out);
  return { out, original: jpeg.length };
}

/** Sizes of the JPEG copies the build wrote, by file name. */
function copies(out) {
  const folder = path.join(out, 'c/hinh');
  return Object.fromEntries(
    fs.readdirSync(folder).map((f) => [f, fs.statSync(path.join(folder, f)).size]),
  );
}

test('at 360 px a phone loads a copy of a 3000 px photo under 150 KB, never the original', async (t) => {
  const { out, original } = await builtWithPhoto(t);
  const sizes = copies(out);
  console.log(`original ${original} B; copies ${JSON.stringify(sizes)}`);
  assert.ok(original > 1_000_000, `the photo is a real one: ${original} B`);
  assert.deepEqual(Object.keys(sizes).sort(), [
    'canh-dong.w1440.jpg',
    'canh-dong.w480.jpg',
    'canh-dong.w720.jpg',
    'canh-dong.w960.jpg',
  ]);
  const server = await h.serveStatic(out);
  t.after(server.close);
  for (const deviceScaleFactor of [1, 2]) {
    const b = await h.launch(t, { viewport: { width: 360, height: 740 }, deviceScaleFactor });
    const watch = h.watchPage(b.page);
    const images = [];
    b.page.on('response', async (res) => {
      if (/\.jpg$/.test(res.url())) images.push([res.url(), (await res.body()).length]);
    });
    await b.page.goto(`${server.url}c/a.html`);
    const img = b.page.locator('.lesson-body img');
    await h.waitUntil(() => img.evaluate((i) => i.complete && i.naturalWidth > 0), 'the photo');
    const shown = await img.evaluate((i) => [i.currentSrc, i.naturalWidth, i.width, i.height]);
    assert.equal(shown[2], 328, 'drawn across the column');
    assert.equal(shown[3], Math.round((328 * 2000) / 3000), 'at its height from the first paint');
    await h.waitUntil(() => images.length > 0, 'the photo response');
    assert.equal(images.length, 1, JSON.stringify(images));
    const [url, bytes] = images[0];
    assert.equal(url, shown[0]);
    assert.match(url, deviceScaleFactor === 1 ? /\.w480\.jpg$/ : /\.w720\.jpg$/);
    assert.ok(bytes < 150_000, `${url} is ${bytes} B`);
    watch.assertClean();
    await b.close();
  }
});

test('Lighthouse: "Properly size images" passes for the lesson with the photo', async (t) => {
  const { out } = await builtWithPhoto(t);
  const server = await h.serveStatic(out);
  t.after(server.close);
  const report = await lighthouse(`${server.url}c/a.html`, {
    onlyAudits: ['uses-responsive-images'],
  });
  const audit = report.audits['uses-responsive-images'];
  assert.equal(audit.score, 1, JSON.stringify(audit.details, null, 1));
  assert.deepEqual(audit.details.items, []);
});

test('offline, a sharp phone screen gets the copy the course download kept', async (t) => {
  const { out } = await builtWithPhoto(t);
  const server = await h.serveStatic(out);
  t.after(server.close);
  const b = await h.launch(t, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 3 });
  // Downloaded from the course page: the lesson was never seen online, so only the download has its photo.
  await b.page.goto(`${server.url}c/index.html`);
  const get = b.page.locator('[data-khoa-offline] .offline-get');
  await get.waitFor({ state: 'visible' });
  await get.click();
  const status = b.page.locator('[data-khoa-offline] .offline-status');
  await h.waitUntil(async () => /sẵn sàng/.test(await status.textContent()), 'the download');
  const list = JSON.parse(fs.readFileSync(path.join(out, '_offline/c.json'), 'utf8'));
  const images = list.files.map((f) => f[0]).filter((p) => p.endsWith('.jpg'));
  assert.deepEqual(images, ['c/hinh/canh-dong.w480.jpg', 'c/hinh/canh-dong.w720.jpg']);
  await b.context.setOffline(true);
  await b.page.goto(`${server.url}c/a.html`);
  const img = b.page.locator('.lesson-body img');
  await h.waitUntil(() => img.evaluate((i) => i.complete), 'the photo');
  const shown = await img.evaluate((i) => [i.currentSrc, i.naturalWidth]);
  assert.match(shown[0], /\.w1440\.jpg$/, 'the screen asks for the widest copy');
  // naturalWidth is the pixels over the density the 1440w descriptor gives (1440 / 328 px).
  assert.equal(shown[1], Math.round((720 * 328) / 1440), 'the worker answers with the 720 px copy');
});
