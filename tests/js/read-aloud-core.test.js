// read-aloud-core.test.js — the pure part of read-aloud: which voice reads a language, and text
// cut into utterances a speech engine reads whole.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const Read = require('../../themes/default/static/js/read-aloud-core.js');

test('a local voice of the language is chosen, whatever its region or separator', () => {
  const voices = [
    { lang: 'en-US', localService: true },
    { lang: 'vi-VN', localService: false, name: 'online' },
    { lang: 'vi_VN', localService: true, name: 'local' },
  ];
  assert.equal(Read.voiceFor(voices, 'vi').name, 'local');
  assert.equal(Read.voiceFor(voices, 'en').lang, 'en-US');
});

test('no voice for the language, or only one that needs the network: none', () => {
  assert.equal(Read.voiceFor([{ lang: 'en-GB', localService: true }], 'vi'), null);
  assert.equal(Read.voiceFor([{ lang: 'vi-VN', localService: false }], 'vi'), null);
  assert.equal(Read.voiceFor([], 'vi'), null);
  assert.equal(Read.voiceFor(undefined, 'vi'), null);
});

test('short text is one piece, spaces folded', () => {
  assert.deepEqual(Read.pieces('  Xin   chào.\n Bạn khỏe không? '), ['Xin chào. Bạn khỏe không?']);
  assert.deepEqual(Read.pieces('   '), []);
});

test('long text is cut at sentence ends, each piece at most the limit', () => {
  const sentence = 'Mật khẩu mạnh có chữ hoa, chữ thường và số.';
  const text = Array(12).fill(sentence).join(' ');
  const pieces = Read.pieces(text, 100);
  assert.ok(pieces.length > 4, pieces.join('|'));
  assert.ok(
    pieces.every((p) => p.length <= 100 && p.endsWith('.')),
    pieces.join('|'),
  );
  assert.equal(pieces.join(' '), text, 'nothing lost');
});

test('a sentence longer than the limit is cut at a space', () => {
  const words = Array(60).fill('chữ').join(' ');
  const pieces = Read.pieces(words, 50);
  assert.ok(
    pieces.every((p) => p.length <= 50 && !p.startsWith(' ')),
    pieces.join('|'),
  );
  assert.equal(pieces.join(' '), words);
});
