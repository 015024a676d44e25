// scorm.test.js — one job: a package from `khoa export scorm` works in a real SCORM runtime. A harness
// page sets window.API (scorm-again's Scorm12API) or window.API_1484_11 (Scorm2004API) and loads
// the package's launch page in a frame; a learner reads lessons and answers quizzes, and the harness
// reads the cmi values. A second launch, in a fresh browser profile, fed the saved cmi, restores the
// progress. Opened without an LMS the package behaves as the site. The manifests of the sample
// course validate against the SCORM schemas with xmllint, for both versions.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { test } = require('node:test');
const {
  launch,
  serveStatic,
  watchPage,
  makeProject,
  tempDir,
  waitUntil,
  repoRoot,
  khoaBin,
} = require('./harness');

const quiz = (id) => `\`\`\`quiz id=${id}\nCâu ${id}?\n\n- [x] Đúng\n- [ ] Sai\n\`\`\`\n`;
const lesson = (id, body = '') =>
  `---\ntitle: Bài ${id}\nid: ${id}\ndescription: Bài ${id}\n---\nNội dung.\n\n${body}`;

/** c completes by quiz with pass 50: lessons a and b with one question each. */
const FIXTURE = {
  'khoa.yaml': 'title: Trường thử\nlanguage: vi\nsite_id: thu\n',
  'content/c/_index.md': '---\ntitle: Khóa C\nid: c\npass: 50\ndescription: C\n---\nGiới thiệu.\n',
  'content/c/m/_index.md': '---\ntitle: Chương\n---\n',
  'content/c/m/a.md': lesson('a', quiz('qa')),
  'content/c/m/b.md': lesson('b', quiz('qb')),
};

const HARNESS = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="/lib/scorm12.js"></script>
<script src="/lib/scorm2004.js"></script>
<script>
window.calls = [];
window.sets = {};
function start(version, saved) {
  var settings = { autocommit: false, logLevel: 5 };
  var api = version === '2004' ? new Scorm2004API(settings) : new Scorm12API(settings);
  if (saved) api.loadFromJSON(saved, '');
  var names = version === '2004' ? ['Initialize', 'Commit', 'Terminate'] : ['LMSInitialize', 'LMSCommit', 'LMSFinish'];
  names.forEach(function (name) { api.on(name, function () { window.calls.push(name); }); });
  api.on(names[0] === 'Initialize' ? 'SetValue.cmi.*' : 'LMSSetValue.cmi.*', function (element, value) {
    window.sets[element] = value;
  });
  window[version === '2004' ? 'API_1484_11' : 'API'] = api;
  window.lms = api;
  var frame = document.createElement('iframe');
  frame.id = 'sco';
  frame.src = '/pkg/_khoa-scorm/launch.html';
  frame.style.width = '100%';
  frame.style.height = '800px';
  document.body.appendChild(frame);
}
</script></head><body></body></html>`;

function exportScorm(root, version, out, course = 'c') {
  execFileSync(
    khoaBin,
    ['export', 'scorm', '--root', root, '--course', course, '--version', version, '--out', out],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/** The fixture exported as `version`, unzipped, served with the harness and scorm-again. */
async function served(t, version) {
  const project = makeProject(FIXTURE, t);
  const dist = tempDir(t, 'khoa-scorm-');
  exportScorm(project, version, dist);
  const zip = path.join(dist, `c-scorm${version === '2004' ? '2004' : '12'}.zip`);
  const pkg = path.join(dist, 'pkg');
  execFileSync('unzip', ['-q', zip, '-d', pkg]);
  const harness = path.join(dist, 'harness');
  fs.mkdirSync(harness);
  fs.writeFileSync(path.join(harness, 'index.html'), HARNESS);
  const server = await serveStatic({
    '/pkg/': pkg,
    '/harness/': harness,
    '/lib/': path.join(__dirname, 'node_modules', 'scorm-again', 'dist'),
  });
  t.after(() => server.close());
  return server;
}

/** A learner in a fresh profile, in the LMS harness, launching the package. */
async function launchInLms(t, server, version, saved) {
  const b = await launch(t);
  const watch = watchPage(b.page);
  await b.page.goto(`${server.urlFor('/harness/')}index.html`);
  await b.page.evaluate(([v, s]) => window.start(v, s), [version, saved]);
  const course = b.page.frameLocator('#sco').frameLocator('#_khoa-scorm-course');
  await course.locator('li.lesson-item').first().waitFor();
  return { ...b, watch, course };
}

const cmi = (page, element) => page.evaluate((e) => window.lms.getCMIValue(e), element);
const calls = (page) => page.evaluate(() => window.calls.slice());

async function pick(course, option) {
  const retry = course.locator('.quiz-retry');
  if (await retry.isVisible()) await retry.click();
  await course.locator('.quiz-option', { hasText: option }).locator('input').check();
  await course.locator('.quiz-check').click();
}

/** Ends the launch as an LMS does (the SCO's frame goes away) and waits for the finish call. */
async function close(page, finish) {
  await page.evaluate(() => {
    document.getElementById('sco').src = 'about:blank';
  });
  await waitUntil(async () => (await calls(page)).includes(finish), `${finish} was called`);
}

test('SCORM 1.2 in scorm-again: status, score, location, suspend data, commits; relaunch restores', async (t) => {
  const server = await served(t, '1.2');
  const first = await launchInLms(t, server, '1.2', null);
  const { page, course } = first;
  assert.equal(await cmi(page, 'cmi.core.lesson_status'), 'incomplete', 'set on launch');
  assert.deepEqual((await calls(page)).slice(0, 1), ['LMSInitialize']);

  await course.locator('li.lesson-item a', { hasText: 'Bài a' }).click();
  await course.locator('.quiz-check').waitFor();
  await waitUntil(async () => (await cmi(page, 'cmi.core.lesson_location')) === 'a', 'location a');
  const commitsBefore = (await calls(page)).filter((c) => c === 'LMSCommit').length;
  await pick(course, 'Sai');
  await waitUntil(async () => (await cmi(page, 'cmi.core.score.raw')) === '0', 'score 0');
  assert.equal(await cmi(page, 'cmi.core.lesson_status'), 'incomplete', 'qb not answered yet');
  assert.equal(await cmi(page, 'cmi.core.score.max'), '100');
  assert.ok(
    (await calls(page)).filter((c) => c === 'LMSCommit').length > commitsBefore,
    'a commit after the answer',
  );

  await course.locator('nav.pager a[rel=next]').click();
  await waitUntil(async () => (await cmi(page, 'cmi.core.lesson_location')) === 'b', 'location b');
  await pick(course, 'Sai');
  await waitUntil(
    async () => (await cmi(page, 'cmi.core.lesson_status')) === 'failed',
    'every question answered below pass: failed',
  );
  await pick(course, 'Đúng');
  await waitUntil(async () => (await cmi(page, 'cmi.core.score.raw')) === '50', 'score 50');
  assert.equal(await cmi(page, 'cmi.core.lesson_status'), 'passed', '50 meets pass: 50');
  const suspend = await cmi(page, 'cmi.suspend_data');
  assert.ok(suspend.length > 0 && suspend.length <= 4096, `${suspend.length} characters`);

  await close(page, 'LMSFinish');
  const sets = await page.evaluate(() => window.sets);
  assert.match(sets['cmi.core.session_time'], /^\d{4}:\d\d:\d\d\.\d\d$/);
  assert.equal(sets['cmi.core.exit'], 'suspend');
  const saved = {
    suspend_data: suspend,
    core: { lesson_location: 'b', lesson_status: 'passed', entry: 'resume' },
  };
  first.watch.assertClean();

  // A fresh profile (no local progress): everything shown comes from the LMS.
  const second = await launchInLms(t, server, '1.2', saved);
  const marks = await second.course
    .locator('li.lesson-item')
    .evaluateAll((items) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
  assert.deepEqual(marks, ['◐Bài a (Đã xem)', '✓Bài b (Đã học xong)']);
  assert.equal(
    await second.course.locator('.course-actions a.start-link').getAttribute('href'),
    '../c/m/b.html',
    'continue at the last lesson',
  );
  await second.course.locator('.course-actions a.start-link').click();
  await waitUntil(
    async () => (await second.course.locator('.quiz-option input:checked').count()) === 1,
    'the saved answer restored in the form',
  );
  second.watch.assertClean();
});

test('SCORM 2004 in scorm-again: completion, success, scaled score, location, ISO session time', async (t) => {
  const server = await served(t, '2004');
  const { page, course, watch } = await launchInLms(t, server, '2004', null);
  assert.equal(await cmi(page, 'cmi.completion_status'), 'incomplete');
  await course.locator('li.lesson-item a', { hasText: 'Bài a' }).click();
  await pick(course, 'Đúng');
  await waitUntil(async () => (await cmi(page, 'cmi.score.scaled')) === '0.5', 'scaled 0.5');
  assert.equal(await cmi(page, 'cmi.success_status'), 'unknown');
  await course.locator('nav.pager a[rel=next]').click();
  await pick(course, 'Đúng');
  await waitUntil(async () => (await cmi(page, 'cmi.completion_status')) === 'completed', 'done');
  assert.equal(await cmi(page, 'cmi.success_status'), 'passed');
  assert.equal(await cmi(page, 'cmi.score.raw'), '100');
  assert.equal(await cmi(page, 'cmi.location'), 'b');
  assert.equal(await cmi(page, 'cmi.progress_measure'), '1');
  const suspend = await cmi(page, 'cmi.suspend_data');
  await close(page, 'Terminate');
  const sets = await page.evaluate(() => window.sets);
  assert.match(sets['cmi.session_time'], /^PT(\d+H)?(\d+M)?[\d.]+S$/);
  assert.equal(sets['cmi.exit'], 'suspend');
  watch.assertClean();

  const second = await launchInLms(t, server, '2004', { suspend_data: suspend, location: 'b' });
  const done = await second.course.locator('li.lesson-item .khoa-done').count();
  assert.equal(done, 2, 'both lessons done after the relaunch');
});

test('without an LMS the package behaves as the site; inside one, local progress does not count', async (t) => {
  const server = await served(t, '1.2');
  const { page } = await launch(t);
  const watch = watchPage(page);
  await page.goto(`${server.urlFor('/pkg/')}c/m/a.html`);
  await pick(page, 'Đúng');
  await page.goto(`${server.urlFor('/pkg/')}c/index.html`);
  assert.equal(await page.locator('li.lesson-item .khoa-done').count(), 1);
  await page.goto(`${server.urlFor('/pkg/')}_khoa-scorm/launch.html`);
  const course = page.frameLocator('#_khoa-scorm-course');
  assert.equal(await course.locator('li.lesson-item .khoa-done').count(), 1, 'no API: local');

  // The same browser in an LMS with no saved progress: the LMS is the source of truth.
  await page.goto(`${server.urlFor('/harness/')}index.html`);
  await page.evaluate(() => window.start('1.2', null));
  const inLms = page.frameLocator('#sco').frameLocator('#_khoa-scorm-course');
  await inLms.locator('li.lesson-item').first().waitFor();
  assert.equal(await inLms.locator('li.lesson-item .khoa-new').count(), 2, 'nothing from local');
  watch.assertClean();
});

const WRAPPERS = {
  1.2: [
    ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
    ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
    ['http://www.imsglobal.org/xsd/imsmd_rootv1p2p1', 'imsmd_rootv1p2p1.xsd'],
  ],
  2004: [
    ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
    ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
    ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
    ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
    ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd'],
  ],
};

/** One schema importing every schema the manifest uses (imscp alone fails on adlcp attributes). */
function wrapper(version) {
  const imports = WRAPPERS[version]
    .map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${file}"/>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${imports}\n</xs:schema>\n`;
}

function xmllint(dir, manifest) {
  return spawnSync('xmllint', ['--noout', '--schema', 'all.xsd', manifest], {
    cwd: dir,
    encoding: 'utf8',
  });
}

test('the sample course packages validate against the SCORM schemas they carry', (t) => {
  const dist = tempDir(t, 'khoa-scorm-sample-');
  for (const version of ['1.2', '2004']) {
    exportScorm(repoRoot, version, dist, 'ky-nang-so');
    const zip = path.join(dist, `ky-nang-so-scorm${version === '2004' ? '2004' : '12'}.zip`);
    const dir = path.join(dist, version);
    execFileSync('unzip', ['-q', zip, '-d', dir]);
    fs.writeFileSync(path.join(dir, 'all.xsd'), wrapper(version));
    const run = xmllint(dir, 'imsmanifest.xml');
    assert.equal(run.status, 0, `SCORM ${version}: ${run.stderr}`);
    process.stdout.write(`# sample course SCORM ${version}: ${fs.statSync(zip).size} bytes\n`);
    // The check can fail: a SCO type outside ADL's vocabulary (sco, asset) is refused.
    const wrong = fs
      .readFileSync(path.join(dir, 'imsmanifest.xml'), 'utf8')
      .replace(/(adlcp:scorm[tT]ype)="sco"/, '$1="lesson"');
    assert.notEqual(wrong, fs.readFileSync(path.join(dir, 'imsmanifest.xml'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'broken.xml'), wrong);
    assert.notEqual(xmllint(dir, 'broken.xml').status, 0, `SCORM ${version}: broken refused`);
  }
});
