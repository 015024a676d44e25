// offline-core.test.js — one job: the service worker's pure rules (themes/default/static/js/
// offline-core.js): caches named per site and folder, request URLs as cache keys, a course list's
// files and total, what an update may copy, and the promise pool that downloads.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const C = require('../../themes/default/static/js/offline-core.js');

const A = C.prefix('site-a', 'https://x.org/a/');
const B = C.prefix('site-b', 'https://x.org/b/');

test('cache names belong to one site in one folder and say what they hold', () => {
  const course = C.name(A, 'course', '0123abcd', 'c1');
  assert.deepEqual(C.parse(A, course), { kind: 'course', build: '0123abcd', course: 'c1' });
  assert.deepEqual(C.parse(A, C.name(A, 'shell', 'ff')), {
    kind: 'shell',
    build: 'ff',
    course: '',
  });
  assert.equal(C.parse(B, course), null, 'site b never reads site a’s caches');
  assert.equal(
    C.parse(C.prefix('site-a', 'https://x.org/'), course),
    null,
    'nor a mirror elsewhere',
  );
  assert.equal(C.parse(A, 'workbox-precache'), null);
  assert.equal(C.parse(A, A), null, 'a name without a build is not ours');
});

test('a request URL is kept without query or fragment, a folder as its index page', () => {
  assert.equal(C.key('https://x.org/a/c1/b.html?utm=1#top'), 'https://x.org/a/c1/b.html');
  assert.equal(C.key('https://x.org/a/'), 'https://x.org/a/index.html');
  assert.equal(C.key('https://x.org/a/c1/?x'), 'https://x.org/a/c1/index.html');
  assert.ok(C.inScope('https://x.org/a/c1/b.html', 'https://x.org/a/'));
  assert.ok(!C.inScope('https://x.org/b/c1/b.html', 'https://x.org/a/'));
});

const list = {
  build: 'b2',
  files: [
    ['c1/a.html', 1200, 'h1'],
    ['c1/h.png', 300, 'h2'],
    ['index.html', 500, 'h3'],
  ],
};

test('a list becomes absolute URLs under the folder, with their total size', () => {
  const files = C.files(list, 'https://x.org/a/');
  assert.deepEqual(files[1], {
    path: 'c1/h.png',
    url: 'https://x.org/a/c1/h.png',
    size: 300,
    hash: 'h2',
  });
  assert.equal(files.bytes, 2000);
  assert.equal(C.files({}, 'https://x.org/a/').bytes, 0);
});

test('an update copies only what has the same hash in the older list', () => {
  const old = {
    files: [
      ['c1/a.html', 1100, 'old'],
      ['c1/h.png', 300, 'h2'],
    ],
  };
  const [a, h, home] = C.files(list, 'https://x.org/a/');
  assert.equal(C.unchanged(a, old), false, 'changed');
  assert.equal(C.unchanged(h, old), true, 'same');
  assert.equal(C.unchanged(home, old), false, 'new in this build');
  assert.equal(C.unchanged(h, null), false);
});

test('the pool runs every task, a few at a time, and stops at the first failure', async () => {
  let running = 0;
  let most = 0;
  const done = [];
  await C.pool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 2));
    running--;
    done.push(n);
  });
  assert.deepEqual(done.sort(), [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(most, 3);

  const started = [];
  await assert.rejects(
    C.pool([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('404 on 2');
      await new Promise((r) => setTimeout(r, 5));
    }),
    /404 on 2/,
  );
  assert.ok(started.length < 6, `nothing starts after a failure: ${started}`);
  await C.pool([], 4, () => assert.fail('no task'));
});

test('offline, a wider copy of an image is answered by the copy a download keeps', () => {
  const s = 'https://x.org/a/c/hinh/';
  assert.equal(C.narrower(`${s}anh.w1440.jpg`), `${s}anh.w720.jpg`);
  assert.equal(C.narrower(`${s}anh.w960.png`), `${s}anh.w720.png`);
  assert.equal(C.narrower(`${s}anh.w720.jpg`), `${s}anh.w720.jpg`, 'kept already');
  assert.equal(C.narrower(`${s}anh.w480.jpg`), `${s}anh.w480.jpg`);
  assert.equal(C.narrower(`${s}anh.jpg`), `${s}anh.jpg`, 'an original is never swapped');
  assert.equal(C.narrower('https://x.org/a/c/b.html'), 'https://x.org/a/c/b.html');
});
