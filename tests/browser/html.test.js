// html.test.js — one job: every page khoa writes for the sample site is valid HTML, checked by the
// Nu Html Checker (vnu.jar from the vnu-jar npm package, run with Java), so browsers and assistive
// technology get the document we meant. Needs `java` (scripts/test installs a JRE if missing).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { samplePublic } = require('./harness');

const vnu = path.join(__dirname, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

test('the sample site has no HTML validation errors', () => {
  let output;
  try {
    output = execFileSync(
      'java',
      ['-jar', vnu, '--errors-only', '--skip-non-html', '--format', 'json', samplePublic],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } catch (error) {
    // vnu exits 1 when it finds errors and prints the report on stderr.
    output = String(error.stderr || '') + String(error.stdout || '');
    if (!output.trim().startsWith('{')) throw error;
  }
  const report = JSON.parse(output.trim() || '{"messages":[]}');
  const errors = report.messages
    .filter((m) => m.type === 'error')
    .map((m) => `${m.url.replace(/^.*public\//, '')}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, []);
});

test('the checker does catch invalid markup (so the test above can fail)', (t) => {
  const fs = require('node:fs');
  const os = require('node:os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khoa-vnu-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(
    path.join(dir, 'bad.html'),
    '<!doctype html><html lang="vi"><title>x</title><p><div></p>',
  );
  let failed = false;
  try {
    execFileSync('java', ['-jar', vnu, '--errors-only', dir], { stdio: 'pipe' });
  } catch (error) {
    failed = error.status === 1;
  }
  assert.ok(failed, 'vnu reports the stray </p>');
});
