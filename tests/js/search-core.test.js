// search-core.test.js — one job: the pure search logic (themes/default/static/js/search-core.js)
// matches Vietnamese with or without tone marks (đ → d), ranks exact-tone matches above folded
// ones and titles above headings above body text, ANDs the words, treats the last word as a prefix,
// works for English, cuts snippets around the matched words, and ranks from the shard alone while
// the snippet text (a file of its own) fills in when it arrives, in either order.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const S = require('../../themes/default/static/js/search-core.js');

const { makeShard, makeText } = require('./search-shard.js');

function indexOf(...shards) {
  const index = S.createIndex();
  for (const shard of shards) assert.ok(S.addShard(index, shard));
  return index;
}

const urls = (results) => results.map((r) => r.url);

test('folding agrees with the Rust fold on the issue word pairs, NFD input included', () => {
  const pairs = [
    ['Đường', 'duong'],
    ['Đà Nẵng', 'da nang'],
    ['dịch vụ công', 'dich vu cong'],
    ['mật khẩu', 'mat khau'],
    ['vụ', 'vu'],
    ['tử', 'tu'],
    ['ở', 'o'],
    ['thanh toán', 'thanh toan'],
    ['Password', 'password'],
  ];
  for (const [text, folded] of pairs) {
    assert.equal(S.fold(text), folded, text);
    assert.equal(S.fold(text.normalize('NFD')), folded, `NFD ${text}`);
  }
  assert.equal(S.lower('ĐƯỜNG'.normalize('NFD')), 'đường');
  assert.deepEqual(S.tokenize('Mã OTP: 123456; e-wallet'), ['mã', 'otp', '123456', 'e', 'wallet']);
});

test('the last query word is a prefix only while the learner is still typing it', () => {
  assert.deepEqual(S.parseQuery('Mật kh').words, [
    { exact: 'mật', folded: 'mat', prefix: false },
    { exact: 'kh', folded: 'kh', prefix: true },
  ]);
  assert.equal(S.parseQuery('mat kh ').words[1].prefix, false);
  assert.deepEqual(S.parseQuery('  ').words, []);
});

const sampleDocs = [
  { url: 'a.html', title: 'Chọn đường đi', body: 'Tìm đường trên bản đồ.' },
  { url: 'b.html', title: 'Dương lịch', body: 'Lịch theo mặt trời.' },
  { url: 'c.html', title: 'Cổng dịch vụ công', body: 'Nộp hồ sơ trên Cổng Dịch vụ công.' },
  { url: 'd.html', title: 'Mật khẩu mạnh', body: 'Đặt mật khẩu dài. Cài VNeID.' },
  { url: 'e.html', title: 'Mặt trời', body: 'Khẩu trang che mặt.' },
  { url: 'f.html', title: 'Strong passwords', body: 'A password protects your account.' },
];
const sample = makeShard(sampleDocs);

test('a query without tone marks finds words with them, đ included', () => {
  const index = indexOf(sample);
  assert.deepEqual(urls(S.search(index, 'duong ')), ['a.html', 'b.html']);
  assert.equal(urls(S.search(index, 'dich vu cong'))[0], 'c.html');
  assert.equal(urls(S.search(index, 'VNEID'))[0], 'd.html');
  assert.equal(urls(S.search(index, 'password'))[0], 'f.html');
});

test('words matched with the exact tone marks rank above folded matches, even in a lower field', () => {
  const shard = makeShard([
    { url: 'folded-title.html', title: 'Dương', body: 'x' },
    { url: 'exact-body.html', title: 'Bài khác', body: 'Con đường làng.' },
  ]);
  const index = indexOf(shard);
  assert.deepEqual(urls(S.search(index, 'đường ')), ['exact-body.html', 'folded-title.html']);
  assert.deepEqual(urls(S.search(index, 'dương ')), ['folded-title.html', 'exact-body.html']);
  const [first, second] = S.search(index, 'đường ');
  assert.equal(first.exactWords, 1);
  assert.equal(second.exactWords, 0);
});

test('a query typed without tone marks does not prefer unmarked text over a better field', () => {
  const shard = makeShard([
    { url: 'unmarked-body.html', title: 'Search', body: 'Type duong to find it.' },
    { url: 'marked-title.html', title: 'Đường link giả', body: 'x' },
  ]);
  const results = S.search(indexOf(shard), 'duong');
  assert.deepEqual(urls(results), ['marked-title.html', 'unmarked-body.html']);
  assert.equal(results[1].exactWords, 0);
});

test('a title match ranks above a heading match above a body match', () => {
  const shard = makeShard([
    { url: 'body.html', title: 'Một', body: 'Nói về ví điện tử.' },
    { url: 'heading.html', title: 'Hai', headings: ['Ví điện tử'], body: 'Ví điện tử.' },
    { url: 'title.html', title: 'Ví điện tử', body: 'Chọn ví điện tử.' },
  ]);
  assert.deepEqual(urls(S.search(indexOf(shard), 'vi dien tu')), [
    'title.html',
    'heading.html',
    'body.html',
  ]);
});

test('every query word must match (AND)', () => {
  const index = indexOf(sample);
  assert.deepEqual(urls(S.search(index, 'mat khau ')), ['d.html', 'e.html']);
  assert.deepEqual(urls(S.search(index, 'khau trang')), ['e.html']);
  assert.deepEqual(urls(S.search(index, 'mat troi ')).sort(), ['b.html', 'e.html']);
  assert.deepEqual(S.search(index, 'mat khau zalo'), []);
});

test('the last word matches as a prefix, in either form, and whole words rank first', () => {
  const index = indexOf(sample);
  assert.deepEqual(urls(S.search(index, 'mat kh')), ['d.html', 'e.html']);
  assert.deepEqual(urls(S.search(index, 'vne')), ['d.html']);
  assert.deepEqual(S.search(index, 'vne '), []);
  const shard = makeShard([
    { url: 'prefix.html', title: 'Otp', body: 'otpx' },
    { url: 'whole.html', title: 'Khác', body: 'otp' },
  ]);
  assert.equal(S.search(indexOf(shard), 'otp')[0].url, 'prefix.html', 'title outranks body');
  const same = makeShard([
    { url: 'prefix.html', title: 'Khác', body: 'otpx' },
    { url: 'whole.html', title: 'Khác', body: 'otp' },
  ]);
  assert.equal(S.search(indexOf(same), 'otp')[0].url, 'whole.html');
});

test('results carry their course and module and keep course order on ties', () => {
  const one = makeShard([{ url: 'x/1.html', title: 'Thanh toán', body: '' }], {
    course: 'x',
    title: 'Khóa X',
    modules: ['Chương Một'],
  });
  const two = makeShard([{ url: 'y/1.html', title: 'Thanh toán', body: '' }], {
    course: 'y',
    title: 'Khóa Y',
  });
  const results = S.search(indexOf(one, two), 'thanh toan');
  assert.deepEqual(urls(results), ['x/1.html', 'y/1.html']);
  assert.equal(results[0].course, 'Khóa X');
  assert.equal(results[0].module, 'Chương Một');
});

test('adding a course twice replaces it; unknown formats are refused', () => {
  const index = indexOf(sample, sample);
  assert.equal(index.shards.length, 1);
  assert.equal(S.addShard(index, { ...sample, v: 1 }), false);
  assert.equal(S.addShard(index, null), false);
  assert.equal(S.addText(index, { ...makeText(sampleDocs), v: 1 }), false);
  assert.equal(S.addText(index, { v: 3, course: 'c' }), false);
});

test('results rank from the shard alone; their text fills in when the text file arrives', () => {
  const index = indexOf(sample);
  const before = S.search(index, 'mat khau');
  assert.deepEqual(urls(before), ['d.html', 'e.html']);
  assert.equal(before[0].title, 'Mật khẩu mạnh');
  assert.equal(before[0].module, 'Chương 1');
  assert.equal(before[0].text, null);
  assert.equal(S.textOf(index, before[0]), null);
  assert.ok(S.addText(index, makeText(sampleDocs)));
  assert.equal(S.textOf(index, before[0]), 'Đặt mật khẩu dài. Cài VNeID.');
  const after = S.search(index, 'mat khau');
  assert.deepEqual(urls(after), urls(before), 'the text changes no ranking');
  assert.deepEqual(
    after.map((r) => r.text),
    ['Đặt mật khẩu dài. Cài VNeID.', 'Khẩu trang che mặt.'],
  );
});

test('a text file that arrives before its shard is kept for it', () => {
  const index = S.createIndex();
  assert.ok(S.addText(index, makeText(sampleDocs)));
  assert.equal(index.shards.length, 0);
  assert.ok(S.addShard(index, sample));
  assert.equal(S.search(index, 'vneid')[0].text, 'Đặt mật khẩu dài. Cài VNeID.');
});

test('a text file from another build or another course is never paired with a shard', () => {
  const other = S.createIndex();
  S.addShard(other, sample);
  S.addText(other, makeText(sampleDocs, { stamp: 'an-older-build' }));
  assert.equal(S.search(other, 'vneid')[0].text, null, 'different stamp');
  S.addText(other, { ...makeText(sampleDocs), texts: ['one text too few'] });
  assert.equal(S.search(other, 'vneid')[0].text, null, 'different document count');
  S.addText(other, makeText(sampleDocs, { course: 'x', stamp: 'stamp-c' }));
  assert.equal(S.search(other, 'vneid')[0].text, null, 'another course');
  S.addText(other, makeText(sampleDocs));
  assert.equal(S.search(other, 'vneid')[0].text, 'Đặt mật khẩu dài. Cài VNeID.');
});

test('snippets mark the matched words as written and cut around them', () => {
  const long = `${'Mở đầu dài dòng. '.repeat(20)}Hãy đặt mật khẩu thật dài cho tài khoản.${' Kết.'.repeat(40)}`;
  const parts = S.snippet(long, 'mat khau', 80);
  const marked = parts.filter((p) => p.mark).map((p) => p.text);
  assert.deepEqual(marked, ['mật', 'khẩu']);
  assert.equal(parts[0].text, '…');
  assert.equal(parts[parts.length - 1].text, '…');
  const joined = parts.map((p) => p.text).join('');
  assert.ok(joined.length <= 84, joined);
  assert.ok(joined.includes('đặt mật khẩu thật dài'));
});

test('a snippet without a match starts at the beginning of the text', () => {
  const parts = S.snippet('Bài này nói về thanh toán.', 'zalo');
  assert.deepEqual(parts, [{ text: 'Bài này nói về thanh toán.', mark: false }]);
});

test('a word typed with tone marks marks only its exact occurrences when the text has some', () => {
  const text = 'An toàn khi thanh toán: toàn bộ tiền được thanh toán qua ngân hàng.';
  const marked = (query) =>
    S.snippet(text, query)
      .filter((p) => p.mark)
      .map((p) => p.text);
  assert.deepEqual(marked('thanh toán'), ['thanh', 'toán', 'thanh', 'toán']);
  assert.deepEqual(marked('toàn'), ['toàn', 'toàn']);
  assert.deepEqual(marked('thanh toan'), ['toàn', 'thanh', 'toán', 'toàn', 'thanh', 'toán']);
  assert.deepEqual(marked('tiên'), ['tiền'], 'without an exact occurrence, folded ones are marked');
  assert.deepEqual(marked('thanh to'), ['toàn', 'thanh', 'toán', 'toàn', 'thanh', 'toán']);
  assert.deepEqual(marked('thanh toá'), ['thanh', 'toán', 'thanh', 'toán'], 'prefixes too');
});
