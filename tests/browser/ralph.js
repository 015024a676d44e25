// ralph.js — one job: a real xAPI Learning Record Store for browser tests: Ralph 5.1.0 (PyPI
// `ralph-malph`, by France Université Numérique) with its file-system backend, run on 127.0.0.1.
//
// API (require('./ralph')):
//   freePort()                      → Promise<port> free on 127.0.0.1 right now.
//   startRalph(t, { port, origin }) → Promise<{ endpoint, user, password, statements(), stop() }>:
//       installs Ralph into a venv under target/ on first use (reused while its stamp matches),
//       creates a user with `ralph auth`, starts `ralph runserver --backend fs` from an empty folder
//       with `origin` allowed by CORS, and stops it by its PID (its process group: uvicorn's
//       reloader and worker) after the test or file. `statements()` reads every stored statement
//       back through GET /xAPI/statements, following `more`.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const { after } = require('node:test');

const REQUIREMENTS = ['ralph-malph[cli,lrs]==5.1.0', 'requests']; // Ralph imports requests without declaring it
const repoRoot = path.resolve(__dirname, '..', '..');
const venv = path.join(process.env.CARGO_TARGET_DIR || path.join(repoRoot, 'target'), 'ralph-venv');
const bin = (name) => path.join(venv, 'bin', name);

// Ralph 5.1.0's `fs` data backend writes with `default_operation_type = CREATE`, so its LRS keeps
// only the first POST: every later write of the same statements file gets a 500 ("… already exists
// and overwrite is not allowed"). Upstream has the same line. Appending is what an LRS file needs,
// so the test setup patches that one line of the installed file. If the line ever changes, this
// fails loudly rather than test against a store that silently drops statements.
const UNPATCHED = '    default_operation_type = BaseOperationType.CREATE\n';
const PATCHED =
  '    default_operation_type = BaseOperationType.APPEND  # patched by khoa tests/browser/ralph.js: CREATE keeps only the first POST\n';
// The venv's own path too: a venv's scripts name their interpreter by absolute path, so a copied
// or moved target/ needs a new one.
const STAMP = `${REQUIREMENTS.join(' ')}\n${PATCHED}\n${venv}`;

function run(command, args, options = {}) {
  return execFileSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
}

function patchFsBackend() {
  const file = run(bin('python'), [
    '-c',
    'import ralph.backends.data.fs as m; print(m.__file__)',
  ]).trim();
  const text = fs.readFileSync(file, 'utf8');
  if (text.includes(PATCHED)) return;
  const count = text.split(UNPATCHED).length - 1;
  assert.equal(
    count,
    1,
    `${file}: expected the line ${JSON.stringify(UNPATCHED)} once (found ${count}); Ralph changed, revisit the patch`,
  );
  fs.writeFileSync(file, text.replace(UNPATCHED, PATCHED));
}

/** The venv with Ralph, patched; created once and reused while the stamp (what it holds and where) matches. */
function ensureVenv() {
  const stamp = path.join(venv, 'khoa-ralph.stamp');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === STAMP) return;
  const started = Date.now();
  fs.rmSync(venv, { recursive: true, force: true });
  run('python3', ['-m', 'venv', venv]);
  run(bin('pip'), ['install', '--quiet', '--disable-pip-version-check', ...REQUIREMENTS]);
  patchFsBackend();
  fs.writeFileSync(stamp, STAMP);
  process.stderr.write(
    `ralph.js: Ralph venv set up in ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHeartbeat(base, child, log) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/__heartbeat__`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Ralph did not start:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
}

async function startRalph(t, { port, origin }) {
  ensureVenv();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khoa-ralph-'));
  const data = path.join(dir, 'data'); // empty: runserver auto-reloads from the folder it starts in
  fs.mkdirSync(data);
  const user = 'khoa-learner';
  const password = 'write-key-for-tests';
  const env = {
    ...process.env,
    RALPH_APP_DIR: path.join(dir, 'app'),
    RALPH_RUNSERVER_BACKEND: 'fs',
    RALPH_RUNSERVER_CORS_ALLOW_ORIGINS: JSON.stringify([origin]),
  };
  run(
    bin('ralph'),
    ['auth', '-u', user, '-p', password, '-s', 'all', '-A', user, `${origin}/`, '-w'],
    { env, cwd: dir },
  );
  const log = path.join(dir, 'ralph.log');
  const out = fs.openSync(log, 'a');
  const child = spawn(
    bin('ralph'),
    ['runserver', '--backend', 'fs', '--host', '127.0.0.1', '--port', String(port)],
    { env, cwd: data, detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(-child.pid, 'SIGTERM'); // the group of the PID we started: reloader and worker
    } catch {
      /* already gone */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  if (t && typeof t.after === 'function') t.after(stop);
  else after(stop);
  process.on('exit', stop);
  const base = `http://127.0.0.1:${port}`;
  await waitForHeartbeat(base, child, log);
  const headers = {
    Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    'X-Experience-API-Version': '1.0.3',
  };
  async function statements() {
    const found = [];
    let next = '/xAPI/statements?limit=100';
    while (next) {
      const response = await fetch(base + next, { headers });
      assert.equal(response.status, 200, `GET ${next}: ${await response.clone().text()}`);
      const body = await response.json();
      found.push(...body.statements);
      next = body.more || '';
    }
    return found;
  }
  return { endpoint: `${base}/xAPI/`, user, password, statements, stop, log };
}

module.exports = { freePort, startRalph };
