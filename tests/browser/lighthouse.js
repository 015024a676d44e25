// lighthouse.js — one job: run Lighthouse (pinned in package.json, fully offline) on a URL in
// Debian's Chromium, started by chrome-launcher with the harness's flags, and return its report.
// Used by images.test.js (deterministic audits only) and lighthouse-figures.js (the scores).
'use strict';

const { CHROMIUM_ARGS, chromiumPath } = require('./harness');

/**
 * Runs Lighthouse on `url` as a phone (Lighthouse's default mobile emulation and simulated
 * throttling); `options` go to Lighthouse (`onlyAudits`, `onlyCategories`). Returns the report.
 */
async function lighthouse(url, options = {}) {
  const { default: run } = await import('lighthouse');
  const launcher = await import('chrome-launcher');
  const chrome = await launcher.launch({
    chromePath: chromiumPath,
    chromeFlags: CHROMIUM_ARGS,
    logLevel: 'error',
  });
  try {
    const result = await run(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      ...options,
    });
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

module.exports = { lighthouse };
