// gift.test.js — one job: `khoa export gift` writes GIFT that a parser we did not write
// (gift-pegjs) reads, with every question's answers matching the answer key khoa grades with on
// the site; and `khoa import gift` of that export gives quizzes that grade identically.
//
// The answer key is khoa's own: the `.quiz-data` JSON of each question in the built pages (what
// quiz-grade.js grades with), with the texts of its drop-down options. No browser is needed.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { test } = require('node:test');
const gift = require('gift-pegjs');
const { grade } = require('../../themes/default/static/js/quiz-grade.js');
const { makeProject, tempDir, repoRoot, khoaBin } = require('./harness');

function khoa(...args) {
  return execFileSync(khoaBin, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

/** Exports `course` of the project at `root`; returns the GIFT text. */
function exportGift(root, course, dir) {
  khoa('export', 'gift', '--root', root, '--course', course, '--out', dir);
  return fs.readFileSync(path.join(dir, `${course}.gift`), 'utf8');
}

function htmlFiles(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html'))
      found.push(path.join(entry.parentPath, entry.name));
  }
  return found.sort();
}

function unescapeHtml(text) {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x2F;/g, '/')
    .replace(/&amp;/g, '&');
}

/** Builds the project at `root` and reads the key of every question of `course`, by id. */
function siteQuestions(root, out, course) {
  if (!fs.existsSync(out)) khoa('build', '--root', root, '--out', out);
  const questions = new Map();
  const quiz =
    /<div class="quiz quiz-\w+" id="_khoa-q-([^"]+)" data-question="[^"]+" data-type="(\w+)" data-points="(\d+)"[^>]*>([\s\S]*?)<script type="application\/json" class="quiz-data">([\s\S]*?)<\/script>/g;
  for (const file of htmlFiles(path.join(out, course))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(quiz)) {
      const [, id, type, points, markup, json] = m;
      // Each drop-down's options, by gap number for gap questions (text boxes have none).
      const selects = {};
      const select = /<select([^>]*)>([\s\S]*?)<\/select>/g;
      for (const [n, [, attributes, inner]] of [...markup.matchAll(select)].entries()) {
        const gap = /data-gap="(\d+)"/.exec(attributes);
        selects[gap ? gap[1] : n] = [
          ...inner.matchAll(/<option value="\d+">([\s\S]*?)<\/option>/g),
        ].map((o) => unescapeHtml(o[1]));
      }
      const options = new Set([...markup.matchAll(/id="_khoa-o(\d+)-/g)].map((o) => o[1])).size;
      questions.set(id, { type, points: Number(points), key: JSON.parse(json), selects, options });
    }
  }
  return questions;
}

/** The numbers a gift-pegjs numerical question accepts, as khoa's [value, tolerance] pairs. */
function giftNumbers(question) {
  const choices = Array.isArray(question.choices)
    ? question.choices.filter((c) => c.isCorrect).map((c) => c.text)
    : [question.choices];
  return choices.map((n) =>
    n.type === 'high-low'
      ? [(n.numberLow + n.numberHigh) / 2, (n.numberHigh - n.numberLow) / 2]
      : [n.number, n.range || 0],
  );
}

/** What a learner answers in khoa to give the right answer of the GIFT question `g`. */
function rightAnswer(g, site, gapIndex) {
  const texts = Array.isArray(g.choices) ? g.choices.map((c) => c.text.text) : [];
  switch (g.type) {
    case 'MC':
      if (site.type === 'gaps') return site.selects[gapIndex].indexOf(texts[rightIndices(g)[0]]);
      if (site.type === 'single') return rightIndices(g)[0];
      return rightIndices(g);
    case 'Short':
      return texts[0];
    case 'Numerical':
      return String(giftNumbers(g)[0][0]);
    case 'Matching':
      return g.matchPairs
        .filter((p) => p.subquestion.text !== '')
        .map((p) => site.selects[0].indexOf(subanswer(p)));
    default:
      throw new Error(`unexpected GIFT type ${g.type}`);
  }
}

/** A matching question's right side as Moodle reads it. gift-pegjs 1.0.2 leaves the escapes of
 * right sides encoded (`b\\: c` → `b&&058; c`: its PlainText rule skips escapedCharacterDecode,
 * unlike every other text); Moodle's qformat_gift decodes them. Decoded here, as Moodle does. */
function subanswer(pair) {
  return pair.subanswer
    .replace(/&&010/g, '\n')
    .replace(/&&(\d{3});/g, (_, code) => String.fromCharCode(Number(code)));
}

function rightIndices(g) {
  const right = (c) => (c.weight === null ? c.isCorrect : c.weight > 0);
  return g.choices.map((c, i) => (right(c) ? i : -1)).filter((i) => i >= 0);
}

/** Every way the GIFT question `g` disagrees with khoa's question `site` (gap `gapIndex`). */
function mismatches(g, site, gapIndex) {
  const problems = [];
  const expect = (ok, what) => ok || problems.push(`${g.title}: ${what}`);
  const key = site.type === 'gaps' ? site.key.gaps[gapIndex] : site.key;
  const texts = Array.isArray(g.choices) ? g.choices.map((c) => c.text.text) : [];
  if (site.type === 'single' || site.type === 'multiple') {
    expect(g.type === 'MC', `type ${g.type}, not MC`);
    expect(texts.length === site.options, `${texts.length} choices, the site has ${site.options}`);
    expect(
      JSON.stringify(rightIndices(g)) === JSON.stringify(key.correct),
      `right choices ${rightIndices(g)} ≠ ${key.correct}`,
    );
    if (site.type === 'multiple') {
      const weights = g.choices.map((c) => c.weight);
      const right = weights.filter((w) => w > 0).reduce((a, b) => a + b, 0);
      expect(Math.abs(right - 100) < 0.001, `right weights sum to ${right}`);
      const all = weights.reduce((a, b) => a + b, 0);
      const wrong = weights.length - key.correct.length;
      expect(wrong === 0 || all < 100, `ticking every box earns ${all}%`);
    } else {
      expect(
        g.choices.every((c) => c.weight === null),
        'single choice has weights',
      );
    }
  } else if (site.type === 'text' || (site.type === 'gaps' && key.answers)) {
    expect(g.type === 'Short', `type ${g.type}, not Short`);
    expect(
      JSON.stringify(texts) === JSON.stringify(key.answers),
      `answers ${texts} ≠ ${key.answers}`,
    );
  } else if (site.type === 'gaps') {
    expect(g.type === 'MC', `type ${g.type}, not MC`);
    expect(JSON.stringify(texts) === JSON.stringify(site.selects[gapIndex]), `choices ${texts}`);
    expect(rightIndices(g).join() === String(key.choice), `right choice ≠ ${key.choice}`);
  } else if (site.type === 'number') {
    expect(g.type === 'Numerical', `type ${g.type}, not Numerical`);
    const numbers = giftNumbers(g);
    expect(JSON.stringify(numbers) === JSON.stringify(key.numbers), `numbers ${numbers}`);
  } else if (site.type === 'match') {
    expect(g.type === 'Matching', `type ${g.type}, not Matching`);
    const rights = site.selects[0];
    const pairs = g.matchPairs.filter((p) => p.subquestion.text !== '');
    expect(pairs.length === key.correct.length, `${pairs.length} pairs ≠ ${key.correct.length}`);
    for (const [i, p] of pairs.entries()) {
      expect(subanswer(p) === rights[key.correct[i]], `pair ${i + 1} → ${subanswer(p)}`);
    }
    const all = new Set(g.matchPairs.map(subanswer));
    expect(all.size === rights.length && rights.every((r) => all.has(r)), 'right sides differ');
  }
  if (problems.length === 0 && site.type !== 'gaps') {
    const graded = grade({ ...site.key, type: site.type }, rightAnswer(g, site));
    expect(graded.correct, 'khoa grades the GIFT right answer wrong');
  }
  return problems;
}

/** Checks a whole export against the site; returns every mismatch (empty when they agree). */
function compareExport(text, site) {
  const problems = [];
  const parsed = gift.parse(text).filter((q) => q.type !== 'Category');
  const gapAnswers = new Map();
  const seen = new Set();
  for (const g of parsed) {
    const split = /^(.*)-gap-(\d+)$/.exec(g.title);
    const id = site.has(g.title) ? g.title : split?.[1];
    const q = site.get(id);
    if (!q) {
      problems.push(`${g.title}: no such question on the site`);
      continue;
    }
    seen.add(id);
    const gapIndex = site.has(g.title) ? 0 : Number(split[2]) - 1;
    problems.push(...mismatches(g, q, gapIndex));
    if (q.type === 'gaps') {
      const answers = gapAnswers.get(id) || [];
      answers[gapIndex] = rightAnswer(g, q, gapIndex);
      gapAnswers.set(id, answers);
    }
  }
  for (const [id, answers] of gapAnswers) {
    const q = site.get(id);
    const graded = grade({ ...q.key, type: 'gaps' }, answers);
    if (!graded.correct || answers.length !== q.key.gaps.length)
      problems.push(`${id}: khoa grades the GIFT gaps ${JSON.stringify(answers)} wrong`);
  }
  for (const [id, q] of site) {
    if (q.type !== 'order' && !seen.has(id)) problems.push(`${id}: missing from the GIFT file`);
  }
  return problems;
}

const FIXTURE = {
  'khoa.yaml': 'title: GIFT\nlanguage: vi\nsite_id: gift-test\n',
  'content/moi-loai/_index.md': '---\ntitle: Mọi loại câu hỏi\ndescription: Kiểm thử.\n---\n',
  'content/moi-loai/01-cau-hoi/_index.md': '---\ntitle: Câu hỏi / đáp án\n---\n',
  'content/moi-loai/01-cau-hoi/01-tat-ca.md': `---
title: Tất cả
description: Mọi loại câu hỏi.
---

\`\`\`quiz id=ky-tu-dac-biet shuffle=false
Ký tự: ~ = # { } : và \\\\ cùng \`a->b\`.

Đoạn thứ hai: https://example.vn.

- [x] A = 1 {đúng}
  > Phản hồi: #1 ~ ổn.
- [ ] B -> C
  > Sai: {B}.

Giải thích: x = 2 # hết.
\`\`\`

\`\`\`quiz id=nhieu-dap-an points=3
Chọn hai.

- [x] Một
- [ ] Hai
  > Không phải.
- [x] Ba
\`\`\`

\`\`\`quiz id=mot-trong-nhieu type=multiple
Chọn những cái đúng.

- [ ] Sai
- [x] Đúng
\`\`\`

\`\`\`quiz id=van-ban fold=true points=2
Thủ đô?

= Hà Nội
= Ha Noi
\`\`\`

\`\`\`quiz id=so-dang-chu type=text
Số khẩn cấp (gõ chữ số)?

= 113
\`\`\`

\`\`\`quiz id=mot-so
Pi?

= 3.14 ± 0.01
\`\`\`

\`\`\`quiz id=hai-so
Căn của 4?

= 2
= -2
\`\`\`

\`\`\`quiz id=ghep type=match
Ghép.

- 113 -> Công an
- 114 -> Cứu hỏa
- -> Cấp cứu: gọi 115
\`\`\`

\`\`\`quiz id=mot-cho-trong
Mã [[OTP|mã OTP]] không đưa ai.
\`\`\`

\`\`\`quiz id=hai-cho-trong
Là [[VNeID]] và mức [[1|(2)|3]].

Giải thích.
\`\`\`

\`\`\`quiz id=thu-tu type=order
Sắp xếp.

1. Một
2. Hai
\`\`\`
`,
};

test('gift-pegjs reads the export of both sample courses and every answer matches khoa’s key', (t) => {
  const dir = tempDir(t, 'khoa-gift-');
  for (const course of ['ky-nang-so', 'writing-courses']) {
    const text = exportGift(repoRoot, course, dir);
    const site = siteQuestions(repoRoot, path.join(dir, 'site'), course);
    assert.ok(site.size > 20, `${site.size} questions in ${course}`);
    assert.deepEqual(compareExport(text, site), [], course);
  }
});

test('a fixture of every question type, escapes and feedback survives gift-pegjs', (t) => {
  const root = makeProject(FIXTURE, t);
  const dir = tempDir(t, 'khoa-gift-');
  const text = exportGift(root, 'moi-loai', dir);
  const site = siteQuestions(root, path.join(dir, 'site'), 'moi-loai');
  assert.deepEqual(compareExport(text, site), []);
  const parsed = gift.parse(text);
  assert.deepEqual(parsed[0], { type: 'Category', title: 'Mọi loại câu hỏi/Câu hỏi // đáp án' });
  const special = parsed.find((q) => q.title === 'ky-tu-dac-biet');
  assert.deepEqual(special.stem, {
    format: 'markdown',
    text: 'Ký tự: ~ = # { } : và \\\\ cùng `a->b`.\n\n\nĐoạn thứ hai: https://example.vn.',
  });
  assert.equal(special.choices[0].text.text, 'A = 1 {đúng}');
  assert.equal(special.choices[0].feedback.text, 'Phản hồi: #1 ~ ổn.');
  assert.equal(special.choices[1].feedback.text, 'Sai: {B}.');
  assert.equal(special.globalFeedback.text, 'Giải thích: x = 2 # hết.');
  assert.ok(!parsed.some((q) => q.title === 'thu-tu'), 'the order question is left out');
  assert.ok(parsed.some((q) => q.title === 'hai-cho-trong-gap-2' && q.hasEmbeddedAnswers));
});

test('the comparison fails when an exported answer is wrong', (t) => {
  const root = makeProject(FIXTURE, t);
  const dir = tempDir(t, 'khoa-gift-');
  const text = exportGift(root, 'moi-loai', dir);
  const site = siteQuestions(root, path.join(dir, 'site'), 'moi-loai');
  const swapped = text.replace('~%-50%Hai', '~%50%Hai').replace('=Hà Nội', '=Huế');
  assert.notEqual(swapped, text);
  const problems = compareExport(swapped.replace('#3.14:0.01', '#3.15:0.01'), site);
  assert.ok(
    problems.some((p) => p.startsWith('van-ban: answers')),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((p) => p.startsWith('mot-so: numbers')),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((p) => p.startsWith('nhieu-dap-an:')),
    problems.join('\n'),
  );
});

test('importing the export of the sample course gives quizzes that grade identically', (t) => {
  const dir = tempDir(t, 'khoa-gift-');
  const text = exportGift(repoRoot, 'ky-nang-so', dir);
  const original = siteQuestions(repoRoot, path.join(dir, 'site'), 'ky-nang-so');
  const file = path.join(dir, 'ky-nang-so.gift');
  const root = makeProject(
    {
      'khoa.yaml': 'title: Nhập\nlanguage: vi\nsite_id: gift-import\n',
      'content/nhap/_index.md': '---\ntitle: Nhập\ndescription: Nhập từ GIFT.\n---\n',
    },
    t,
  );
  khoa('import', 'gift', file, '--into', path.join(root, 'content', 'nhap', 'cau-hoi'));
  const imported = siteQuestions(root, path.join(dir, 'imported'), 'nhap');
  let compared = 0;
  for (const [id, q] of original) {
    if (q.type === 'order') {
      assert.ok(!imported.has(id), `${id} was left out of the export`);
      continue;
    }
    const gaps = q.type === 'gaps' && q.key.gaps.length > 1 ? q.key.gaps : null;
    const parts = gaps ? gaps.map((_, k) => [`${id}-gap-${k + 1}`, k]) : [[id, null]];
    for (const [newId, k] of parts) {
      const back = imported.get(newId);
      assert.ok(back, `${newId} was imported`);
      const selects = k !== null && q.selects[k] ? { 0: q.selects[k] } : {};
      const want = k === null ? q : { ...q, key: { ...q.key, gaps: [q.key.gaps[k]] }, selects };
      assert.deepEqual(
        { type: back.type, points: back.points, key: back.key, selects: back.selects },
        { type: want.type, points: want.points, key: want.key, selects: want.selects },
        newId,
      );
      compared++;
    }
  }
  assert.equal(compared, imported.size, 'nothing else was imported');
  assert.ok(text.includes('// khoa: fold=true'), 'fold travels in a comment Moodle ignores');
});
