// harness.test.js — one job: prove the browser-test harness itself can fail, so a green browser
// suite means something (static server contract, error recorder, fresh contexts, file:// URLs).
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { test } = require('node:test');
const {
  launch,
  serveStatic,
  fileUrl,
  watchPage,
  tempDir,
  axeViolations,
  waitUntil,
} = require('./harness');

function writeTree(root, files) {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

/** GET with the raw path (no client-side normalization of `..` or `%2e`). */
function rawGet(origin, rawPath) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.get({ hostname, port, path: rawPath }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode, type: res.headers['content-type'], body, res }),
      );
    });
    req.on('error', reject);
  });
}

test('serveStatic mounts two folders on one origin with content types and 404s', async (t) => {
  const a = writeTree(tempDir(t), { 'index.html': '<h1>A</h1>', 'x/app.js': 'var a = 1;' });
  const b = writeTree(tempDir(t), { 'style.css': 'p{}', 'icon.svg': '<svg/>', 'bài.html': 'vi' });
  const secret = writeTree(tempDir(t), { 'secret.txt': 'nope' });
  const server = await serveStatic({ '/a/': a, '/b/': b });
  t.after(server.close);
  assert.equal(server.urlFor('/a/'), `${server.origin}/a/`);

  const cases = [
    ['/a/', 200, 'text/html; charset=utf-8'],
    ['/a/index.html', 200, 'text/html; charset=utf-8'],
    ['/a/x/app.js', 200, 'text/javascript; charset=utf-8'],
    ['/b/style.css', 200, 'text/css; charset=utf-8'],
    ['/b/icon.svg', 200, 'image/svg+xml'],
    [`/b/${encodeURIComponent('bài')}.html`, 200, 'text/html; charset=utf-8'],
    ['/a/missing.html', 404],
    ['/b/index.html', 404],
    ['/index.html', 404],
    ['/a/../b/style.css', 404],
    ['/a/%2e%2e/b/style.css', 404],
    [`/a/%2e%2e%2f..%2f${path.basename(secret)}/secret.txt`, 404],
    ['/a/%E0%A4%A', 404],
  ];
  for (const [p, status, type] of cases) {
    const got = await rawGet(server.origin, p);
    assert.equal(got.status, status, `GET ${p}`);
    if (type) assert.equal(got.type, type, `Content-Type of ${p}`);
  }
  const dir = await rawGet(server.origin, '/a/x');
  assert.equal(dir.status, 301);
  assert.equal(dir.res.headers.location, '/a/x/');
});

test('serveStatic ends the response of a file that vanishes before it is read, and goes on', async (t) => {
  const dir = writeTree(tempDir(t), { 'gone.js': 'var a = 1;', 'here.js': 'var b = 2;' });
  const server = await serveStatic(dir);
  t.after(server.close);
  const read = fs.createReadStream;
  fs.createReadStream = (file, ...rest) => {
    if (path.basename(file) === 'gone.js') fs.rmSync(file);
    return read(file, ...rest);
  };
  t.after(() => {
    fs.createReadStream = read;
  });
  const gone = await rawGet(server.origin, '/gone.js').then(
    (got) => got.body,
    (err) => err.code,
  );
  assert.notEqual(gone, 'var a = 1;', 'no file was there to send');
  const here = await rawGet(server.origin, '/here.js');
  assert.equal(here.status, 200);
  assert.equal(here.body, 'var b = 2;');
});

test('serveStatic serves one folder under a sub-path prefix', async (t) => {
  const dir = writeTree(tempDir(t), { 'index.html': '<h1>root</h1>' });
  const server = await serveStatic(dir, { prefix: '/mirror/sub/' });
  t.after(server.close);
  assert.equal(server.url, `${server.origin}/mirror/sub/`);
  assert.equal((await rawGet(server.origin, '/mirror/sub/index.html')).body, '<h1>root</h1>');
  assert.equal((await rawGet(server.origin, '/index.html')).status, 404);
});

test('watchPage records console errors, page errors, 404s and external requests', async (t) => {
  const dir = writeTree(tempDir(t), {
    'broken.html': [
      '<!doctype html><meta charset="utf-8"><title>x</title><h1>Hỏng</h1>',
      '<img src="missing.png" alt="">',
      '<script>console.error("boom from test")</script>',
      '<script>throw new Error("kaboom from test")</script>',
      '<img src="http://khoa-test.invalid/x.png" alt="">',
    ].join('\n'),
    'clean.html': '<!doctype html><meta charset="utf-8"><title>ok</title><h1>Ổn</h1>',
  });
  const server = await serveStatic(dir);
  t.after(server.close);
  const { page } = await launch(t);
  const watch = watchPage(page);
  await page.goto(`${server.url}clean.html`);
  watch.assertClean('a clean page');
  await page.goto(`${server.url}broken.html`, { waitUntil: 'load' });
  const expected = [
    /console error: boom from test/,
    /page error: .*kaboom from test/,
    /HTTP 404: .*missing\.png/,
    /external request: http:\/\/khoa-test\.invalid\/x\.png/,
  ];
  const recorded = (re) => re.test(watch.problems.join('\n'));
  await waitUntil(() => expected.every(recorded), 'every problem of the page is recorded');
  for (const re of expected) assert.match(watch.problems.join('\n'), re);
  assert.throws(() => watch.assertClean(), /boom from test/);
});

test('each launch gets a fresh context (nothing stored leaks between tests)', async (t) => {
  const dir = writeTree(tempDir(t), { 'p.html': '<!doctype html><title>p</title><h1>p</h1>' });
  const server = await serveStatic(dir);
  t.after(server.close);
  const first = await launch(t);
  await first.page.goto(`${server.url}p.html`);
  await first.page.evaluate(() => {
    localStorage.setItem('khoa-test', 'kept');
    // biome-ignore lint/suspicious/noDocumentCookie: the test sets a cookie to prove contexts do not share them
    document.cookie = 'khoa-test=kept; path=/';
  });
  await first.page.reload();
  assert.equal(await first.page.evaluate(() => localStorage.getItem('khoa-test')), 'kept');
  assert.equal(await first.page.evaluate(() => document.cookie), 'khoa-test=kept');
  const alive = await launch(t);
  await alive.page.goto(`${server.url}p.html`);
  assert.equal(
    await alive.page.evaluate(() => localStorage.getItem('khoa-test')),
    null,
    'not shared while open',
  );
  await first.close();
  assert.equal(first.page.isClosed(), true, 'close closes the context and its pages');

  const second = await launch(t);
  await second.page.goto(`${server.url}p.html`);
  assert.equal(await second.page.evaluate(() => localStorage.getItem('khoa-test')), null);
  assert.equal(await second.page.evaluate(() => document.cookie), '', 'no cookie either');
});

test('fileUrl opens a Vietnamese file name from file://', async (t) => {
  const dir = writeTree(tempDir(t), {
    'bài học/đường đi.html':
      '<!doctype html><meta charset="utf-8"><title>x</title><h1>Đường đi</h1>',
  });
  const { page } = await launch(t);
  const watch = watchPage(page);
  await page.goto(fileUrl(path.join(dir, 'bài học', 'đường đi.html')));
  assert.equal(await page.locator('h1').textContent(), 'Đường đi');
  watch.assertClean();
});

test('axeViolations reports a serious accessibility failure and passes a clean page', async (t) => {
  const dir = writeTree(tempDir(t), {
    'ok.html':
      '<!doctype html><html lang="vi"><meta charset="utf-8"><title>ok</title><main><h1>Ổn</h1></main></html>',
    'bad.html':
      '<!doctype html><html lang="vi"><meta charset="utf-8"><title>x</title><main><h1>x</h1><button></button></main></html>',
  });
  const { page } = await launch(t);
  await page.goto(fileUrl(path.join(dir, 'ok.html')));
  assert.deepEqual(await axeViolations(page), []);
  await page.goto(fileUrl(path.join(dir, 'bad.html')));
  assert.match((await axeViolations(page)).join('\n'), /^button-name: /m);
});
