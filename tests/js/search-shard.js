// search-shard.js — one job: build search shards and text files in the format src/search.rs
// writes, from plain documents, for the pure search tests (not a test file itself).
'use strict';

const S = require('../../themes/default/static/js/search-core.js');

/**
 * A shard in the format src/search.rs writes, built from
 * docs [{url, title, headings: [..], body, module}] (module: index into `modules`).
 */
function makeShard(
  docs,
  { course = 'c', title = 'Khóa C', modules = ['Chương 1'], stamp = `stamp-${course}` } = {},
) {
  const vocabulary = new Map();
  docs.forEach((doc, i) => {
    const found = new Map();
    const add = (text, bit) => {
      for (const w of S.tokenize(text)) {
        const f = found.get(w) || { mask: 0, count: 0 };
        f.mask |= bit;
        f.count += 1;
        found.set(w, f);
      }
    };
    add(doc.title, 4);
    for (const h of doc.headings || []) add(h, 2);
    add(doc.body || '', 1);
    for (const [w, f] of found) {
      if (!vocabulary.has(w)) vocabulary.set(w, []);
      vocabulary.get(w).push([i, f.mask, f.count]);
    }
  });
  const terms = [];
  const postings = [];
  for (const [w, hits] of [...vocabulary].sort()) {
    const folded = S.fold(w);
    terms.push(folded === w ? w : `${w} ${folded}`);
    let previous = 0;
    postings.push(
      hits.map(([doc, mask, count]) => {
        const bucket = Math.min(7, Math.floor(Math.log2(count)));
        const value = (doc - previous) * 64 + (bucket << 3) + mask;
        previous = doc;
        return value;
      }),
    );
  }
  const rows = docs.map((d) => [
    d.url,
    d.title,
    d.module || 0,
    S.tokenize([d.title, ...(d.headings || []), d.body || ''].join(' ')).length,
  ]);
  return { v: 3, course, title, stamp, modules, docs: rows, terms, postings };
}

/** The text file src/search.rs writes next to a shard: each doc's body, in order. */
function makeText(docs, { course = 'c', stamp = `stamp-${course}` } = {}) {
  return { v: 3, course, stamp, texts: docs.map((d) => d.body || '') };
}

module.exports = { makeShard, makeText };
