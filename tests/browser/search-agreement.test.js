// search-agreement.test.js — one job: the index the real khoa binary writes for real Vietnamese
// prose (tests/fixtures/search/vi-corpus.txt, one lesson per document) is, term for term and
// posting for posting, the one the JS runtime's own tokenizer makes of the same text, so the Rust
// indexer and search-core.js agree on words, tone placement and frequency buckets; and searching
// that real index finds khóa and khoá alike.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before } = require('node:test');
const { buildSite, makeProject, repoRoot } = require('./harness');
const S = require('../../themes/default/static/js/search-core.js');
const { makeShard } = require('../js/search-shard.js');

const CORPUS = fs.readFileSync(
  path.join(repoRoot, 'tests', 'fixtures', 'search', 'vi-corpus.txt'),
  'utf8',
);

/** The corpus as lessons: `@ domain | title` starts one, its paragraphs are the body. */
function corpusLessons() {
  const lessons = [];
  for (const line of CORPUS.split('\n')) {
    if (line.startsWith('# ')) continue;
    const head = /^@ (\S+) \| (.+)$/.exec(line);
    if (head) lessons.push({ title: head[2], body: '' });
    else if (lessons.length > 0 && line.trim()) lessons[lessons.length - 1].body += `${line}\n\n`;
  }
  return lessons;
}

const lessons = corpusLessons();
const files = {
  'khoa.yaml': 'title: Kho\nsite_id: kho\n',
  'content/c/_index.md': '---\ntitle: C\n---\n',
};
lessons.forEach((lesson, i) => {
  const name = `content/c/${String(i).padStart(2, '0')}-bai-${i}.md`;
  // Every ASCII punctuation mark escaped, so that the page's text is the prose as written.
  const body = lesson.body.replace(/[!-/:-@[-`{-~]/g, '\\$&');
  files[name] = `---\ntitle: "${lesson.title}"\n---\n${body}`;
});
const project = makeProject(files);
const site = path.join(project, 'public');

/** The argument of the `KhoaSearch.<call>(…)` in a published index file of course `c`. */
function published(kind, call) {
  const dir = path.join(site, '_khoa', 'search');
  const pattern = new RegExp(`^course-c${kind === 'text' ? '\\.text' : ''}\\.[0-9a-f]{8}\\.js$`);
  const name = fs.readdirSync(dir).find((n) => pattern.test(n));
  const source = fs.readFileSync(path.join(dir, name), 'utf8');
  let data = null;
  const KhoaSearch = {};
  KhoaSearch[call] = (value) => {
    data = value;
  };
  new Function('KhoaSearch', source)(KhoaSearch);
  return data;
}

let shard;
let text;
before(() => {
  buildSite(project, site);
  shard = published('shard', 'add');
  text = published('text', 'text');
});

test('the Rust index of real prose is the one the JS tokenizer makes of the same text', () => {
  assert.equal(shard.docs.length, lessons.length);
  const docs = shard.docs.map((doc, i) => ({ url: doc[0], title: doc[1], body: text.texts[i] }));
  const mine = makeShard(docs, { course: 'c', title: 'C', modules: [''], stamp: shard.stamp });
  assert.deepEqual(
    shard.docs.map((d) => d[3]),
    mine.docs.map((d) => d[3]),
    'word counts',
  );
  assert.deepEqual(shard.terms, mine.terms, 'terms: exact and folded forms, one tone placement');
  assert.deepEqual(shard.postings, mine.postings, 'postings: fields and frequency buckets');
  assert.ok(shard.terms.includes('khoá khoa') && !shard.terms.some((t) => /^khóa\b/.test(t)));
});

test('searching the real index finds khóa and khoá alike', () => {
  const index = S.createIndex();
  assert.ok(S.addShard(index, shard));
  assert.ok(S.addText(index, text));
  for (const [old, modern] of [
    ['khóa', 'khoá'],
    ['hóa', 'hoá'],
    ['xóa', 'xoá'],
  ]) {
    const found = S.search(index, `${old} `).map((r) => r.url);
    assert.ok(found.length >= 3, old);
    assert.deepEqual(
      S.search(index, `${modern} `).map((r) => r.url),
      found,
      `${old} and ${modern}`,
    );
  }
});
