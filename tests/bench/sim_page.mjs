// The Simulator in the page (headless Chromium, the built dist/): times three sweeps and the workers'
// speed-up, and watches the main thread for long tasks. A benchmark, run by .ci/bench: it prints and
// asserts nothing about speed.
//
// Lines printed:
//   sweep <name> workers=<n> wall_ms=<ms> compute_ms=<ms> longest_task_ms=<ms> long_tasks=<count>
//   workers=<n> speedup=<x>   (the NQM full sweep: wall with 1 worker ÷ wall with n, best of ROUNDS)
// wall_ms is the clock from the click to the result (sim-done's data-wall); compute_ms is the time
// the workers spent computing (sim-done's data-value, summed over workers); long tasks are the
// PerformanceObserver 'longtask' entries (> 50 ms) of the page's main thread while the sweep ran.
import { startApp } from '../e2e/harness.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SWEEPS = [
  ['nqm-full', 'view=sim&lang=en&opts=sgd,momentum,adam&bs=1,4,16,64,256,1024,4096&seeds=1'],
  ['softmax-default', 'view=sim&lang=en&task=softmax'],
  ['mlp-default', 'view=sim&lang=en&task=mlp'],
];

const app = await startApp();

/** Opens `query` on a page reporting `cores` cores, lets the runs finish, then times a sweep. */
async function sweep(query, cores) {
  const page = await app.ctx.newPage();
  if (cores) {
    await page.addInitScript((c) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => c }), cores);
  }
  await page.goto(`${app.base}?${query}`);
  // Inputs over the core's work caps start nothing: report the field's message instead of waiting.
  await page.waitForFunction(
    () => document.querySelector('[data-testid="sim-done"]') || [...document.querySelectorAll('.error')].some((e) => e.textContent.trim()),
    null,
    { timeout: 300000 },
  );
  const refused = await page.evaluate(() => [...document.querySelectorAll('.error')].map((e) => e.textContent.trim()).filter(Boolean).join(' '));
  if (refused) {
    await page.close();
    return { refused };
  }
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  await page.locator('[data-testid="run-sweep"]').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="sim-done"]'), null, { timeout: 10000 }).catch(() => {});
  const done = page.locator('[data-testid="sim-done"]');
  await done.waitFor({ state: 'attached', timeout: 600000 });
  const wall = Number(await done.getAttribute('data-wall'));
  const compute = Number(await done.getAttribute('data-value'));
  const workers = Number(await page.locator('[data-testid="sim-status-bar"]').getAttribute('data-workers'));
  const long = await page.evaluate(() => window.__long);
  await page.close();
  return { wall, compute, workers, long };
}

const best = {};
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, query] of SWEEPS) {
    const s = await sweep(query, 0);
    if (s.refused) {
      console.log(`sweep ${name} not run: the inputs are refused (${s.refused})`);
      continue;
    }
    const longest = Math.max(0, ...s.long);
    console.log(
      `sweep ${name} workers=${s.workers} wall_ms=${s.wall.toFixed(0)} compute_ms=${s.compute.toFixed(0)} longest_task_ms=${longest.toFixed(0)} long_tasks=${s.long.length}`,
    );
    if (name === 'nqm-full') best.n = Math.min(best.n ?? Infinity, s.wall), (best.workers = s.workers);
  }
  const one = await sweep(SWEEPS[0][1], 1);
  console.log(`sweep nqm-full workers=1 wall_ms=${one.wall.toFixed(0)} compute_ms=${one.compute.toFixed(0)} longest_task_ms=${Math.max(0, ...one.long).toFixed(0)} long_tasks=${one.long.length}`);
  best.one = Math.min(best.one ?? Infinity, one.wall);
}
console.log(`workers=${best.workers} speedup=${(best.one / best.n).toFixed(2)}`);
await app.close();
