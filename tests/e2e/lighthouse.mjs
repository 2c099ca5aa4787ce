// A local Lighthouse run over every view, with the mobile and desktop presets.
// Usage: node lighthouse.mjs [--out lighthouse-summary.json] [--runs 1] [--preset mobile|desktop] [--views lr,sim]
//        (or `npm run lighthouse`, `.ci/lighthouse`)
//
// Builds nothing: it serves the already built dist/ (gzip on, as a static host would) with serve.mjs on 127.0.0.1,
// starts Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) with the end-to-end tests' headless flags, runs
// the `lighthouse` package from npm against it, prints Performance, Accessibility, Best Practices and SEO for each
// view and preset, and writes a JSON summary. Lighthouse's own throttling is simulated (Lantern), but Performance
// still depends on this machine's CPU, which is why this script is not part of `.ci/test`.
// With --runs N each page is audited N times and the median score is kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { VIEWS as ALL_VIEWS } from './harness.mjs';
import { startServer } from './serve.mjs';
import { CHROMIUM_ARGS } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const DIST = path.resolve(process.env.DIST ?? path.join(here, '..', '..', 'dist'));
const OUT = path.resolve(args.out ?? 'lighthouse-summary.json');
const RUNS = Math.max(1, Number(args.runs ?? 1));
const VIEWS = args.views ? args.views.split(',') : ALL_VIEWS;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const PRESETS = Object.fromEntries(
  Object.entries({ mobile: undefined, desktop: desktopConfig }).filter(([name]) => !args.preset || name === args.preset),
);

if (!fs.existsSync(path.join(DIST, 'index.html'))) {
  console.error(`no built site at ${DIST}: run \`trunk build --release\` first`);
  process.exit(1);
}

/** Starts Chromium with a DevTools port and resolves with the port once it listens. */
function startChrome() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'batchlab-lighthouse-'));
  const child = spawn(CHROME, [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) resolve({ child, port: Number(m[1]), profile });
    });
    child.on('exit', (code) => reject(new Error(`chromium exited (${code}):\n${err}`)));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

const server = await startServer({ dir: DIST, port: 0, prefix: '/', gzip: true });
const base = `http://127.0.0.1:${server.address().port}/`;
const chrome = await startChrome();
const results = [];
try {
  for (const [preset, config] of Object.entries(PRESETS)) {
    for (const view of VIEWS) {
      const url = `${base}?view=${view}&lang=en`;
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES }, config);
        const lhr = r.lhr;
        if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c].score ?? 0) * 100)]));
        // Every audit that lost points, to say what to fix.
        const failing = CATEGORIES.flatMap((c) =>
          lhr.categories[c].auditRefs
            .filter((ref) => ref.weight > 0)
            .map((ref) => lhr.audits[ref.id])
            .filter((a) => a.score !== null && a.score < 0.9)
            .map((a) => `${c}: ${a.id} (${a.displayValue ?? a.score})`),
        );
        const metrics = Object.fromEntries(
          ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'].map(
            (id) => [id, lhr.audits[id]?.displayValue ?? null],
          ),
        );
        runs.push({ scores, failing, metrics });
      }
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((r) => r.scores[c]))]));
      // Metrics and lost points of the run whose Performance is the median.
      const mid = runs.find((r) => r.scores.performance === scores.performance) ?? runs[0];
      results.push({ preset, view, url: url.replace(base, '/'), scores, metrics: mid.metrics, failing: mid.failing });
      console.log(
        `${preset.padEnd(8)} ${view.padEnd(7)} ` + CATEGORIES.map((c) => `${c} ${String(scores[c]).padStart(3)}`).join('  '),
      );
      console.log(`    ${Object.entries(mid.metrics).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      for (const f of mid.failing) console.log(`    ${f}`);
    }
  }
} finally {
  chrome.child.kill();
  server.close();
}

const summary = {
  date: new Date().toISOString(),
  lighthouse: JSON.parse(fs.readFileSync(path.join(here, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version,
  chromium: CHROME,
  machine: `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
  runs: RUNS,
  served: 'dist/ by tests/e2e/serve.mjs on 127.0.0.1, gzip on',
  results,
};
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(summary, null, 2) + '\n');
console.log(`\nsummary written to ${OUT}`);
const low = results.filter((r) => CATEGORIES.some((c) => r.scores[c] < 95));
if (low.length) console.log(`below 95: ${low.map((r) => `${r.preset}/${r.view}`).join(', ')}`);
