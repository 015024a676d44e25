// harness.js — one job: give browser tests a fresh browser context, a static HTTP server,
// a page-error recorder and the khoa binary, so each test file reads like what a learner does.
//
// API (require('./harness')):
//   launch(t?, options?)   → { context, page, newPage(), close() }: a fresh browser context (its own
//                            storage, cookies, cache and service workers, like a new profile) in
//                            the test file's one Debian Chromium, started by playwright-core on the
//                            first call and closed after the file. The context is closed in
//                            `t.after` when a test context is given, else in a node:test `after` hook.
//                            `options` go to newContext: `{ serviceWorkers: 'block' }` for a test
//                            that holds or fails requests with page.route, which sees no request
//                            that the site's service worker makes.
//   serveStatic(dir, {prefix}) or serveStatic({ '/a/': dirA, '/b/': dirB })
//                          → Promise<{ origin, url, urlFor(prefix), served, close() }> on 127.0.0.1,
//                            port 0; `served` lists every request path it answered, in order.
//   fileUrl(path)          → file:// URL of a path.
//   watchPage(page, {ignore}) → records console errors, page errors, failed requests (network
//                            failure or HTTP >= 400) and requests leaving the machine;
//                            `.assertClean()` throws listing them.
//   buildSite(projectDir, outDir) → runs `khoa build --root .. --out ..`, throws with stderr.
//   makeProject(files, t?) → temp project folder with `files` ({ 'khoa.yaml': '...', ... }) written.
//   waitUntil(condition, what) → resolves once `condition()` is truthy (polled), else throws
//                            naming `what`: a wait on a condition, never a fixed sleep.
//   axeViolations(page, impacts?) → axe-core violations of the given impacts (default serious,
//                            critical), each as 'rule-id: help (selector, ...)'.
//   repoRoot, samplePublic (= <repo>/public, built by scripts/test; KHOA_PUBLIC overrides), khoaBin.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const { after } = require('node:test');

const repoRoot = path.resolve(__dirname, '..', '..');
const samplePublic = process.env.KHOA_PUBLIC || path.join(repoRoot, 'public');
const khoaBin =
  process.env.KHOA_BIN ||
  path.join(process.env.CARGO_TARGET_DIR || path.join(repoRoot, 'target'), 'release', 'khoa');
const chromiumPath = process.env.KHOA_CHROMIUM || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Registers `fn` to run after the given test, or after the current suite/file. */
function registerCleanup(t, fn) {
  if (t && typeof t.after === 'function') t.after(fn);
  else after(fn);
}

/** Makes a fresh temporary folder that is removed after the test (or file). */
function tempDir(t, label = 'khoa-test-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), label));
  registerCleanup(t, () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// One Chromium per test file (node runs each file in its own process): starting it costs seconds,
// a new context costs milliseconds and isolates as well as a new profile does.
let browser = null;
after(async () => {
  const started = browser && (await browser.catch(() => null));
  if (started) await started.close();
});

function sharedBrowser() {
  if (!browser) {
    const { chromium } = require('playwright-core');
    if (!fs.existsSync(chromiumPath)) {
      throw new Error(
        `${chromiumPath} is missing: run scripts/test (it installs Debian's chromium)`,
      );
    }
    browser = chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  }
  return browser;
}

/** Opens a fresh context (nothing stored, no cookies, no service worker) with one page. */
async function launch(t, options = {}) {
  const context = await (await sharedBrowser()).newContext({
    locale: 'vi-VN',
    viewport: { width: 412, height: 915 }, // a common cheap Android phone
    ...options,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
  };
  registerCleanup(t, close);
  const page = await context.newPage();
  return { context, page, newPage: () => context.newPage(), close };
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/** Normalizes serveStatic's arguments into [[prefix, absoluteDir], ...], longest prefix first. */
function mountTable(dirOrMap, options) {
  const entries =
    typeof dirOrMap === 'string' ? [[options?.prefix || '/', dirOrMap]] : Object.entries(dirOrMap);
  assert.ok(entries.length > 0, 'serveStatic needs at least one folder');
  return entries
    .map(([prefix, dir]) => {
      let p = prefix.startsWith('/') ? prefix : `/${prefix}`;
      if (!p.endsWith('/')) p += '/';
      return [p, path.resolve(dir)];
    })
    .sort((a, b) => b[0].length - a[0].length);
}

/** Maps a request path to a file under one mount, or null (never escapes the mount). */
function resolveRequest(mounts, rawPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(rawPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const mount = mounts.find(([prefix]) => pathname.startsWith(prefix));
  if (!mount) return null;
  const [prefix, root] = mount;
  const rest = pathname.slice(prefix.length);
  if (rest.split('/').some((seg) => seg === '..')) return null;
  const file = path.join(root, rest);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return { file, pathname };
}

function sendStatus(res, status, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${status}\n`);
}

function handle(mounts, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(res, 405);
  const target = resolveRequest(mounts, req.url);
  if (!target) return sendStatus(res, 404);
  let { file } = target;
  let stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat?.isDirectory()) {
    if (!target.pathname.endsWith('/')) {
      return sendStatus(res, 301, { Location: `${encodeURI(target.pathname)}/` });
    }
    file = path.join(file, 'index.html');
    stat = fs.statSync(file, { throwIfNoEntry: false });
  }
  if (!stat?.isFile()) return sendStatus(res, 404);
  res.writeHead(200, {
    'Content-Type': contentType(file),
    'Content-Length': stat.size,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') return res.end();
  // A file removed between its stat and its read (a test's folder cleaned up while its page still
  // loads) ends this response; unhandled, the stream's error would end the whole test file.
  const stream = fs.createReadStream(file);
  stream.on('error', (err) => res.destroy(err));
  stream.pipe(res);
}

/** Serves one folder under `prefix`, or several folders of one origin from a prefix→dir map. */
function serveStatic(dirOrMap, options = {}) {
  const mounts = mountTable(dirOrMap, options);
  const served = [];
  const server = http.createServer((req, res) => {
    served.push(req.url);
    try {
      handle(mounts, req, res);
    } catch (err) {
      if (!res.headersSent) sendStatus(res, 500);
      else res.destroy(err);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      const urlFor = (prefix) => new URL(prefix, `${origin}/`).href;
      const close = () =>
        new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        });
      const url = typeof dirOrMap === 'string' ? urlFor(mounts[0][0]) : `${origin}/`;
      resolve({ origin, url, urlFor, served, close });
    });
  });
}

function fileUrl(p) {
  return pathToFileURL(path.resolve(p)).href;
}

const LOCAL_SCHEMES = ['file:', 'data:', 'blob:', 'about:', 'chrome-error:'];

function isLocalUrl(u) {
  let parsed;
  try {
    parsed = new URL(u);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.includes(parsed.protocol)) return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

// Chromium probes `<origin>/favicon.ico` on its own when a page declares no icon. khoa's pages
// declare one (`_khoa/favicon.svg`), so no probe is excused: a failed icon request is a failure.
const BROWSER_PROBES = [];

/** Records what a learner would see as breakage on `page`; `ignore` is a list of RegExps. */
function watchPage(page, { ignore = [] } = {}) {
  const problems = [];
  const skip = [...BROWSER_PROBES, ...ignore];
  const note = (kind, text) => {
    const line = `${kind}: ${text}`;
    if (!skip.some((re) => re.test(line))) problems.push(line);
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error')
      note('console error', `${msg.text()} (${msg.location().url || '?'})`);
  });
  page.on('pageerror', (err) => note('page error', String(err?.stack || err)));
  page.on('requestfailed', (req) => {
    const failure = req.failure();
    // ERR_ABORTED is the browser cancelling a request because the test navigated on (an icon or
    // script of the page being left), not the site failing to deliver it.
    if (failure && failure.errorText === 'net::ERR_ABORTED') return;
    note('request failed', `${req.url()} ${failure ? failure.errorText : ''}`.trim());
  });
  page.on('response', (res) => {
    if (res.status() >= 400) note(`HTTP ${res.status()}`, res.url());
  });
  page.on('request', (req) => {
    if (!isLocalUrl(req.url())) note('external request', req.url());
  });
  return {
    problems,
    assertClean(message = 'page had problems') {
      assert.deepEqual(problems, [], `${message}:\n  ${problems.join('\n  ')}`);
    },
  };
}

/** Builds `projectDir` into `outDir` with the release binary; returns { stdout, stderr }. */
function buildSite(projectDir, outDir) {
  if (!fs.existsSync(khoaBin)) {
    throw new Error(`${khoaBin} is missing: run \`cargo build --release\` (scripts/test does)`);
  }
  try {
    const stdout = execFileSync(khoaBin, ['build', '--root', projectDir, '--out', outDir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { stdout, stderr: '' };
  } catch (err) {
    const detail = (err.stderr || '').toString() || err.message;
    throw new Error(`khoa build --root ${projectDir} --out ${outDir} failed:\n${detail}`);
  }
}

/** Writes a small project ({ relativePath: text }) into a fresh temp folder and returns it. */
function makeProject(files, t) {
  const dir = tempDir(t, 'khoa-project-');
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

/** Resolves once `condition()` (sync or async) is truthy; throws `what` after `timeout` ms. */
async function waitUntil(condition, what, { timeout = 10_000, every = 20 } = {}) {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** Runs axe-core on the page; returns one line per violation of the given impacts. */
async function axeViolations(page, impacts = ['serious', 'critical']) {
  const { AxeBuilder } = require('@axe-core/playwright');
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => impacts.includes(v.impact))
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

module.exports = {
  axeViolations,
  launch,
  serveStatic,
  fileUrl,
  watchPage,
  buildSite,
  makeProject,
  tempDir,
  waitUntil,
  repoRoot,
  samplePublic,
  khoaBin,
  chromiumPath,
  CHROMIUM_ARGS,
};
