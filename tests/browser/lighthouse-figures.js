// lighthouse-figures.js — one job: print Lighthouse's mobile scores (performance, accessibility,
// best practices, SEO) for pages of a built site (the sample site in public/ by default, or
// KHOA_PUBLIC): the home page, the first course, its first lesson, its review and print pages, or
// the pages named. Not a test: timing scores vary from run to run.
// Usage: node tests/browser/lighthouse-figures.js [page.html ...]
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');
const { lighthouse } = require('./lighthouse');

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** The first course page and its first lesson, read from the home page's links. */
function samplePages(root) {
  const home = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const course = /href="([^"#]+\/index\.html)"/.exec(home)[1];
  const page = fs.readFileSync(path.join(root, course), 'utf8');
  const lesson = /class="button start-link" href="([^"]+)"/.exec(page)[1];
  const folder = path.posix.dirname(course);
  return [
    'index.html',
    course,
    path.posix.join(folder, lesson),
    `${folder}/review.html`,
    `${folder}/print.html`,
  ];
}

async function main() {
  const root = h.samplePublic;
  const pages = process.argv.length > 2 ? process.argv.slice(2) : samplePages(root);
  const server = await h.serveStatic(root);
  try {
    for (const page of pages) {
      const report = await lighthouse(server.url + page, { onlyCategories: CATEGORIES });
      const scores = CATEGORIES.map((c) => `${c} ${Math.round(report.categories[c].score * 100)}`);
      console.log(`${page}: ${scores.join(', ')}`);
    }
  } finally {
    await server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
