// store-storage.test.js — one job: progress kept in the browser's storage is never lost
// (themes/default/static/js/store-storage.js): namespaced keys, profiles, corrupt values moved
// aside, and storage that throws or is full.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const S = require('../../themes/default/static/js/store-storage.js');

/** A Map-backed Storage; `fail` makes chosen operations throw like a real browser does. */
function fakeStorage(fail = {}) {
  const map = new Map();
  const boom = (op) => {
    if (fail[op]) throw Object.assign(new Error(op), { name: fail[op] });
  };
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => {
      boom('get');
      return map.has(k) ? map.get(k) : null;
    },
    setItem: (k, v) => {
      boom('set');
      map.set(k, String(v));
    },
    removeItem: (k) => {
      boom('remove');
      map.delete(k);
    },
    clear: () => {
      throw new Error('the store must never call clear()');
    },
  };
}

test('keys are namespaced by version, site, profile and course', () => {
  assert.equal(S.key('site-1', 'default', 'ky-nang'), 'khoa:v1:site-1:default:ky-nang');
  const storage = fakeStorage();
  const a = S.open(
    S.guard(() => storage),
    'a',
  );
  const b = S.open(
    S.guard(() => storage),
    'b',
  );
  a.save('default', 'c', S.visit(S.fresh(), 'l1', 5));
  assert.deepEqual(b.load('default', 'c').lessons, {}, 'site b does not see site a');
  assert.deepEqual(Object.keys(a.load('default', 'c').lessons), ['l1']);
  assert.deepEqual([...storage.map.keys()], ['khoa:v1:a:default:c']);
  b.reset('default', 'c');
  assert.ok(storage.map.has('khoa:v1:a:default:c'), 'resetting site b leaves site a alone');
});

test('profiles keep separate progress and deleting one removes only its keys', () => {
  const storage = fakeStorage();
  const st = S.open(
    S.guard(() => storage),
    's',
  );
  assert.deepEqual(st.profiles(), { v: 1, list: [{ id: 'default', name: '' }], cur: 'default' });
  st.setProfiles({
    list: [
      { id: 'default', name: 'An' },
      { id: 'p2', name: 'Bình' },
    ],
    cur: 'p2',
  });
  st.save('default', 'c', S.done(S.fresh(), 'l1', 1));
  st.save('p2', 'c', S.fresh());
  st.save('p2', 'd', S.fresh());
  assert.equal(st.profiles().cur, 'p2');
  assert.deepEqual(st.load('p2', 'c').lessons, {});
  assert.deepEqual(Object.keys(st.courses('p2')).sort(), ['c', 'd']);
  st.dropProfile('p2');
  assert.deepEqual([...storage.map.keys()].sort(), ['khoa:v1:s:default:c', 'khoa:v1:s:profiles']);
});

test('a bad profile list falls back to one default profile', () => {
  const storage = fakeStorage();
  storage.setItem('khoa:v1:s:profiles', '{"list":[{"id":"../x","name":1}],"cur":"zz"}');
  const st = S.open(
    S.guard(() => storage),
    's',
  );
  assert.deepEqual(st.profiles().list, [{ id: 'default', name: '' }]);
});

test('each profile keeps the name the learner typed for the certificate', () => {
  const storage = fakeStorage();
  const st = S.open(
    S.guard(() => storage),
    's',
  );
  st.setProfiles({
    list: [
      { id: 'default', name: 'An', full: 'Nguyễn Văn An' },
      { id: 'p2', name: 'Bình', full: 7 },
    ],
    cur: 'default',
  });
  assert.deepEqual(st.profiles().list, [
    { id: 'default', name: 'An', full: 'Nguyễn Văn An' },
    { id: 'p2', name: 'Bình' },
  ]);
  st.setProfiles({ list: [{ id: 'default', name: '', full: 'x'.repeat(500) }], cur: 'default' });
  assert.equal(st.profiles().list[0].full.length, 60, 'capped like the input');
});

test('the current profile is the one in use, and an edit of the list is validated before it is saved', () => {
  const storage = fakeStorage();
  const st = S.open(
    S.guard(() => storage),
    's',
  );
  assert.deepEqual(st.current(), { id: 'default', name: '' });
  st.editProfiles((profiles) => {
    profiles.list.push({ id: 'p2', name: 'Bình' }, { id: 'BAD ID', name: 'x' });
    profiles.cur = 'p2';
  });
  assert.deepEqual(st.current(), { id: 'p2', name: 'Bình' });
  assert.deepEqual(
    st.profiles().list.map((p) => p.id),
    ['default', 'p2'],
  );
  st.editProfiles((profiles) => {
    profiles.cur = 'gone';
  });
  assert.equal(st.current().id, 'default', 'an unknown profile falls back to the first');
});

for (const [label, text] of [
  ['truncated JSON', '{'],
  ['null', 'null'],
  ['an object string', '[object Object]'],
  ['a future version', '{"v":999,"lessons":{},"answers":{}}'],
  ['a 1 MB string', 'x'.repeat(1024 * 1024)],
]) {
  test(`corrupt value (${label}) is moved aside once and the learner starts fresh`, () => {
    const storage = fakeStorage();
    const k = 'khoa:v1:s:default:c';
    storage.setItem(k, text);
    const st = S.open(
      S.guard(() => storage),
      's',
    );
    assert.deepEqual(st.load('default', 'c'), S.fresh());
    const backups = [...storage.map.keys()].filter((x) => x.startsWith(`${k}:corrupt:`));
    assert.equal(backups.length, 1);
    assert.equal(storage.map.get(backups[0]), text, 'the corrupt text is kept as it was');
    assert.equal(storage.map.has(k), false);
    st.load('default', 'c');
    assert.equal([...storage.map.keys()].filter((x) => x.includes(':corrupt:')).length, 1);
    assert.ok(st.save('default', 'c', S.visit(S.fresh(), 'l', 1)));
    assert.deepEqual(Object.keys(st.courses('default')), ['c'], 'backups are not courses');
  });
}

test('a corrupt value that cannot be backed up is never overwritten', () => {
  const storage = fakeStorage();
  const k = 'khoa:v1:s:default:c';
  storage.setItem(k, '{');
  const g = S.guard(() => storage);
  const st = S.open(g, 's');
  storage.setItem = () => {
    throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
  };
  assert.deepEqual(st.load('default', 'c'), S.fresh());
  assert.equal(st.save('default', 'c', S.fresh()), false);
  assert.equal(storage.map.get(k), '{');
});

test('storage that throws on access works in memory and reports it', () => {
  const g = S.guard(() => {
    throw Object.assign(new Error('denied'), { name: 'SecurityError' });
  });
  assert.equal(g.ok, false);
  const st = S.open(g, 's');
  assert.equal(st.save('default', 'c', S.done(S.fresh(), 'l', 4)), false);
  assert.equal(st.load('default', 'c').lessons.l.d, 4, 'the session still remembers in memory');
});

test('storage that throws on read, on write, or on quota never throws to the page', () => {
  for (const fail of [
    { get: 'SecurityError' },
    { set: 'QuotaExceededError' },
    { remove: 'Error' },
  ]) {
    const storage = fakeStorage();
    storage.setItem('khoa:v1:s:default:c', JSON.stringify(S.visit(S.fresh(), 'old', 1)));
    const g = S.guard(() => storage);
    let notified = 0;
    g.onfail = () => notified++;
    const real = { get: storage.getItem, set: storage.setItem, remove: storage.removeItem };
    const broken = fakeStorage(fail);
    storage.getItem = fail.get ? broken.getItem : real.get;
    storage.setItem = fail.set ? broken.setItem : real.set;
    storage.removeItem = fail.remove ? broken.removeItem : real.remove;
    const st = S.open(g, 's');
    const state = st.load('default', 'c');
    st.save('default', 'c', S.done(state, 'l', 2));
    st.reset('default', 'c');
    st.save('default', 'c', S.done(S.fresh(), 'x', 3));
    assert.equal(
      st.load('default', 'c').lessons.x.d,
      3,
      `${Object.keys(fail)}: memory copy serves reads`,
    );
    assert.equal(g.ok, false, `${Object.keys(fail)}: failure is reported`);
    assert.equal(notified, 1, 'the notice is raised once');
  }
});
