// pack.test.js — one job: a zip from `khoa pack` is the same every time and, unzipped, opens from
// file:// as a learner would use it: the whole sample passes the file:// navigation test, and a
// one-course pack holds only that course, the home page and the shared files, with search,
// quizzes and progress working and a link to a course left out harming nothing.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { test } = require('node:test');
const {
  launch,
  fileUrl,
  watchPage,
  makeProject,
  tempDir,
  repoRoot,
  khoaBin,
} = require('./harness');

function pack(root, out, ...args) {
  execFileSync(khoaBin, ['pack', '--root', root, '--out', out, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function unzip(zip, dir) {
  execFileSync('unzip', ['-q', zip, '-d', dir]);
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
function files(dir) {
  const found = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else found.push(rel);
    }
  };
  walk('');
  return found.sort();
}

/** This process's environment without the test runner's marker, so the child reports in TAP. */
function childEnv() {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

test('two packs of the sample are byte-identical and the unzipped site passes the file:// walk', (t) => {
  const dir = tempDir(t, 'khoa-pack-');
  pack(repoRoot, path.join(dir, 'one.zip'));
  pack(repoRoot, path.join(dir, 'two.zip'));
  const one = fs.readFileSync(path.join(dir, 'one.zip'));
  assert.ok(one.equals(fs.readFileSync(path.join(dir, 'two.zip'))), 'the same bytes every time');
  const site = path.join(dir, 'site');
  unzip(path.join(dir, 'one.zip'), site);
  const walk = spawnSync(
    process.execPath,
    ['--test', '--test-name-pattern=from file://', path.join(__dirname, 'navigation.test.js')],
    { env: { ...childEnv(), KHOA_PUBLIC: site }, encoding: 'utf8' },
  );
  assert.equal(
    walk.status,
    0,
    `navigation.test.js on the unzipped pack:\n${walk.stdout}${walk.stderr}`,
  );
  assert.match(walk.stdout, /# pass [1-9]/, walk.stdout);
  assert.match(walk.stdout, /# fail 0/, walk.stdout);
});

const lesson = (title, body) => `---\ntitle: ${title}\ndescription: Học ${title}\n---\n${body}\n`;
const QUIZ =
  '```quiz id=q1\nMã OTP có được đưa cho người khác không?\n\n- [ ] Có\n- [x] Không\n```\n';

const PROJECT = {
  'khoa.yaml': 'title: Hai khóa\nlanguage: vi\nsite_id: pack-test\n',
  'content/a/_index.md': '---\ntitle: Khóa A\nid: a\ndescription: Khóa A\n---\nGiới thiệu A.\n',
  'content/a/01-otp.md': lesson('Mã OTP', `Giữ kín mã xacthucotp.\n\n${QUIZ}`),
  'content/a/02-tiep.md': lesson(
    'Tiếp theo',
    'Xem thêm [bài của khóa B](../b/01-b.md).\n\n![Hình](hinh.svg)',
  ),
  'content/a/hinh.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
  'content/b/_index.md': '---\ntitle: Khóa B\nid: b\ndescription: Khóa B\n---\nGiới thiệu B.\n',
  'content/b/01-b.md': lesson('Bài B', 'Nội dung khóa B.'),
};

test('a one-course pack holds that course, the home page and shared files, and works from file://', async (t) => {
  const root = makeProject(PROJECT, t);
  const dir = tempDir(t, 'khoa-pack-a-');
  pack(root, path.join(dir, 'a.zip'), '--course', 'a');
  const site = path.join(dir, 'site');
  unzip(path.join(dir, 'a.zip'), site);
  const names = files(site);
  assert.ok(names.includes('index.html') && names.includes('a/index.html'), `${names}`);
  assert.ok(names.includes('a/hinh.svg'), `${names}`);
  assert.deepEqual(
    names.filter((n) => /(^|\/)b(\/|\.|$)|course-b/.test(n)),
    [],
    'nothing of course b',
  );
  assert.ok(
    names.some((n) => /^_khoa\/js\/khoa\.[0-9a-f]{8}\.js$/.test(n)),
    `${names}`,
  );
  assert.ok(
    names.some((n) => /^_khoa\/search\/course-a\.[0-9a-f]{8}\.js$/.test(n)),
    `${names}`,
  );

  const { page } = await launch(t);
  const watch = watchPage(page);
  await page.goto(fileUrl(path.join(site, 'index.html')));
  assert.equal(
    await page.locator('article.course-card').count(),
    1,
    'the home page lists course a',
  );

  await page.goto(fileUrl(path.join(site, 'a', 'tiep.html')));
  const away = page.locator('main a', { hasText: 'bài của khóa B' });
  assert.equal(await away.getAttribute('href'), '../b/b.html', 'the link keeps its place');

  await page.goto(fileUrl(path.join(site, 'a', 'otp.html')));
  const quiz = page.locator('#_khoa-q-q1');
  await quiz.locator('label', { hasText: 'Không' }).click();
  await quiz.locator('.quiz-check').click();
  await quiz.locator('.quiz-result', { hasText: 'Đúng' }).waitFor();
  await page.reload();
  await page.locator('#_khoa-q-q1 .quiz-result', { hasText: 'Đúng' }).waitFor();

  const box = page.locator('#_khoa-search');
  await box.pressSequentially('xacthucotp', { delay: 5 });
  const first = page.locator('#_khoa-search-results [role=option]').first();
  await first.waitFor({ state: 'visible' });
  assert.match(await first.getAttribute('href'), /otp\.html$/);
  watch.assertClean('one-course pack from file://');
});

test('pack refuses an unknown course and leaves no zip behind', (t) => {
  const root = makeProject(PROJECT, t);
  const out = path.join(tempDir(t, 'khoa-pack-bad-'), 'x.zip');
  const run = spawnSync(khoaBin, ['pack', '--root', root, '--course', 'zz', '--out', out], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /no course has the id `zz`; the courses are: a, b/);
  assert.ok(!fs.existsSync(out));
  assert.deepEqual(fs.readdirSync(path.dirname(out)), []);
});
