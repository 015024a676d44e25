// learners-site.js — one job: the fixture the learner-feature tests share (read-aloud, print,
// review, the outline beside a lesson): a course of two modules with prose, code, an image, an
// external link and questions, built once per test file, and how to open it by file:// or HTTP.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { before, after } = require('node:test');
const { serveStatic, fileUrl, buildSite } = require('./harness');

const quiz = (attrs, body) => `\`\`\`quiz ${attrs}\n${body}\n\`\`\`\n\n`;
const lesson = (id, title, body) =>
  `---\ntitle: ${title}\nid: ${id}\ndescription: ${title}.\n---\n${body}`;

const FILES = {
  'khoa.yaml': 'title: Học cho mọi người\nlanguage: vi\nsite_id: learners-test\n',
  'content/c/_index.md':
    '---\ntitle: Khóa thử\nid: c\ndescription: Khóa để thử\n---\nGiới thiệu khóa.\n',
  'content/c/m1/_index.md': '---\ntitle: Chương đầu\n---\n',
  'content/c/m1/hinh.svg':
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#0b5cad"/></svg>\n',
  'content/c/m1/a.md': lesson(
    'a',
    'Bài mở đầu',
    [
      'Câu văn thứ nhất của bài. Câu văn thứ hai.\n\n',
      '## Mục hai\n\n- Điều một\n- Điều hai\n\n',
      '```python\nprint("mã nguồn không đọc")\n```\n\n',
      'Xem [trang ngoài](https://example.org/trang) và ![Hình vuông xanh](hinh.svg).\n\n',
      quiz(
        'id=qa',
        'Câu hỏi về mật khẩu?\n\n- [ ] Lựa chọn sai\n- [x] Lựa chọn đúng\n\nLời giải thích riêng.',
      ),
      quiz('id=qt', 'Gõ từ bí mật.\n\n= xyzzy'),
    ].join(''),
  ),
  'content/c/m1/b.md': lesson(
    'b',
    'Bài thứ hai',
    `Nội dung bài hai.\n\n${quiz('id=qb', 'Câu hỏi bài hai?\n\n- [x] Có\n- [ ] Không')}`,
  ),
  'content/c/m2/_index.md': '---\ntitle: Chương cuối\n---\n',
  'content/c/m2/c.md': lesson('c', 'Bài cuối cùng', 'Nội dung bài cuối.\n'),
};

/** Builds the fixture before the file's tests; `site.out` is its output folder. */
function learnersSite() {
  const site = {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khoa-learners-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  before(() => {
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    site.out = path.join(dir, 'public');
    buildSite(dir, site.out);
  });
  return site;
}

/** The base URL of the built site, by file:// or over HTTP (closed after the test). */
async function baseUrl(t, site, how) {
  if (how === 'file') return `${fileUrl(site.out)}/`;
  const server = await serveStatic(site.out, { prefix: '/site/' });
  t.after(() => server.close());
  return server.urlFor('/site/');
}

const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();

module.exports = { learnersSite, baseUrl, squash };
