// search-spelling.test.js — one job: search treats old- and new-style tone placement as one
// spelling exactly as the Rust indexer does (the same cases, tests/fixtures/search/), and ranks real
// Vietnamese prose (vi-corpus.txt, a few hundred paragraphs of translated free software) by
// relevance: a title holding the whole query first, words side by side before scattered ones, and
// the same order whatever the lessons' order.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const S = require('../../themes/default/static/js/search-core.js');
const { makeShard, makeText } = require('./search-shard.js');

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'search');
const CASES = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'tone-placement.json'), 'utf8'));
const CORPUS = fs.readFileSync(path.join(FIXTURES, 'vi-corpus.txt'), 'utf8');

/** The corpus as documents [{url, title, body}], one per `@ domain | title` line. */
function corpusDocs() {
  const docs = [];
  for (const line of CORPUS.split('\n')) {
    if (line.startsWith('# ')) continue;
    const head = /^@ (\S+) \| (.+)$/.exec(line);
    if (head) docs.push({ url: `d${docs.length}.html`, title: head[2], body: '' });
    else if (docs.length > 0 && line.trim()) docs[docs.length - 1].body += `${line}\n\n`;
  }
  return docs;
}

function indexOf(docs) {
  const index = S.createIndex();
  assert.ok(S.addShard(index, makeShard(docs)));
  assert.ok(S.addText(index, makeText(docs)));
  return index;
}

const urls = (results) => results.map((r) => r.url);

test('tone placement gives the words the Rust indexer gives, on the shared cases', () => {
  for (const [text, expected] of CASES.cases) {
    assert.deepEqual(S.tokenize(text), expected, text);
    assert.deepEqual(S.tokenize(S.fold(text)), S.tokenize(text).map(S.fold), `${text}: folding`);
  }
});

test('the corpus, which mixes both styles, counts each word as the Rust indexer does', () => {
  const prose = CORPUS.split('\n')
    .filter((line) => !line.startsWith('# '))
    .join('\n');
  const counts = new Map();
  for (const word of S.tokenize(prose)) counts.set(word, (counts.get(word) || 0) + 1);
  for (const [word, expected] of Object.entries(CASES.corpus_counts)) {
    assert.equal(counts.get(word) || 0, expected, word);
  }
});

test('khóa and khoá (and hóa and hoá) find the same lessons in the same order', () => {
  const index = indexOf(corpusDocs());
  for (const [old, modern] of [
    ['khóa', 'khoá'],
    ['hóa', 'hoá'],
    ['xóa', 'xoá'],
  ]) {
    const found = urls(S.search(index, `${old} `));
    assert.ok(found.length >= 3, `${old}: ${found}`);
    assert.deepEqual(urls(S.search(index, `${modern} `)), found, old);
    const folded = S.fold(modern);
    const holding = corpusDocs()
      .filter((d) => S.tokenize(`${d.title} ${d.body}`).some((w) => S.fold(w) === folded))
      .map((d) => d.url);
    assert.deepEqual([...found].sort(), holding.sort(), `${old}: every lesson, either spelling`);
  }
});

test('the lesson that uses a word most comes first, whichever style each lesson spells it in', () => {
  const docs = corpusDocs();
  const index = indexOf(docs);
  for (const query of ['xoá ', 'xóa ', 'khóa ', 'khoá ']) {
    const word = S.tokenize(query)[0];
    const uses = (url) => {
      const doc = docs.find((d) => d.url === url);
      const inTitle = S.tokenize(doc.title).includes(word) ? 1000 : 0;
      return inTitle + S.tokenize(doc.body).filter((w) => w === word).length;
    };
    const found = urls(S.search(index, query)).map(uses);
    const bucket = (n) => (n >= 1000 ? 1000 : Math.floor(Math.log2(n)));
    for (let i = 1; i < found.length; i++) {
      assert.ok(bucket(found[i - 1]) >= bucket(found[i]), `${query}: ${found}`);
    }
  }
});

test('every title of the corpus, typed whole, ranks its own lesson first', () => {
  const docs = corpusDocs();
  const index = indexOf(docs);
  let checked = 0;
  for (const doc of docs) {
    if (S.tokenize(doc.title).length < 2) continue;
    const first = S.search(index, doc.title)[0];
    assert.equal(first.title, doc.title, `query ${doc.title}`);
    checked += 1;
  }
  assert.ok(checked >= 30, `${checked} titles`);
});

test('words side by side rank above the same words scattered through a lesson', () => {
  const docs = corpusDocs();
  const index = indexOf(docs);
  for (const query of ['ký hiệu', 'không thể', 'thư mục', 'tên tập', 'máy chủ']) {
    const phrase = ` ${S.tokenize(query).map(S.fold).join(' ')} `;
    const results = S.search(index, `${query} `).filter((r) => r.titleMatch === 0);
    const side = results.map((r) => {
      const doc = docs.find((d) => d.url === r.url);
      return ` ${S.tokenize(doc.body).map(S.fold).join(' ')} `.includes(phrase);
    });
    assert.ok(side.includes(true) && side.includes(false), `${query}: both kinds in the corpus`);
    assert.equal(side.indexOf(false), side.lastIndexOf(true) + 1, `${query}: ${side}`);
  }
});

/** What ranks a result, apart from where its lesson sits. */
const relevance = (r) =>
  [r.exactWords, r.titleMatch, r.adjacent, r.score, r.inTitle, r.length].join('/');

test('relevance, not the lessons order, decides: reversing the lessons keeps the top results', () => {
  const docs = corpusDocs();
  const forward = indexOf(docs);
  const backward = indexOf([...docs].reverse());
  let ties = 0;
  let pairs = 0;
  for (const query of ['tập tin', 'kho', 'gói', 'xoá', 'khóa', 'lần chuyển giao', 'thư mục']) {
    const top = (index) => S.search(index, `${query} `).slice(0, 8);
    const [a, b] = [top(forward), top(backward)];
    assert.deepEqual(b.map(relevance), a.map(relevance), query);
    for (let i = 0; i < a.length; i++) {
      const tied = a.filter((r) => relevance(r) === relevance(a[i])).map((r) => r.url);
      assert.ok(tied.includes(b[i].url), `${query}: ${b[i].url} only swaps with a true tie`);
      if (i > 0) pairs += 1;
      if (i > 0 && relevance(a[i]) === relevance(a[i - 1])) ties += 1;
    }
  }
  assert.ok(ties * 10 <= pairs, `only true ties fall back to position: ${ties} of ${pairs}`);
});
