// offline-words.test.js — one job: what the offline UI says (themes/default/static/js/
// offline-words.js): download sizes in megabytes for each language, and filled UI strings.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const W = require('../../themes/default/static/js/offline-words.js');

test('sizes are megabytes with the decimal mark of the language', () => {
  assert.equal(W.size(1_234_567, 'vi'), '1,2 MB');
  assert.equal(W.size(1_234_567, 'en'), '1.2 MB');
  assert.equal(W.size(12_000, 'vi'), '0,1 MB', 'a small course is not 0 MB');
  assert.equal(W.size(0, 'en'), '0.0 MB');
  assert.equal(W.size(372_187, 'vi'), '0,4 MB');
});

test('progress and messages fill their placeholders, and only those', () => {
  const t = 'Đang tải {done}/{total} tệp · {got} / {size}';
  assert.equal(
    W.format(t, { done: 3, total: 21, got: '0,1 MB', size: '0,4 MB' }),
    'Đang tải 3/21 tệp · 0,1 MB / 0,4 MB',
  );
  assert.equal(W.format('Không tải được {file}', {}), 'Không tải được {file}');
  assert.equal(W.format('{a}{a}', { a: 0 }), '00');
});
