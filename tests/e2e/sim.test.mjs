// End-to-end tests of the Simulator view against the built dist/.
// Reference behaviour: a maximum stable step that does not grow with the batch, a best rate that
// grows with B and then saturates, steps to target falling ~1/B up to a critical batch and flat past
// it (McCandlish et al. 2018, eqs. 2.6 and 2.11–2.12), and a larger critical batch for momentum and
// Adam (Zhang et al. 2019, arXiv:1907.04164); the core's native tests (src/core/sim/sweep.rs) check
// the same, and the page must reproduce them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, value, num, setInput, canvasPixels, changed, until } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app.close();
});

/** Waits for the current job to finish; returns its compute time in ms (sim-done's data-value). */
async function done(page, timeout = 120000) {
  const el = page.locator('[data-testid="sim-done"]');
  await el.waitFor({ state: 'attached', timeout });
  return Number(await el.getAttribute('data-value'));
}

test('a fresh load shows curves for several optimizers and batch sizes, same URL same numbers', async () => {
  const { page } = app;
  await app.open('view=sim&lang=en');
  const ms = await done(page);
  assert.ok(ms > 0, `sim-done carries the compute time (${ms} ms)`);
  console.log(`# default runs compute time ${ms} ms`);
  for (const opt of ['sgd', 'momentum', 'adam']) {
    for (const b of [16, 128, 1024]) {
      const f = await num(page, `final-loss-${opt}-${b}`);
      assert.ok(Number.isFinite(f) && f > 0 && f < 2.6, `final-loss-${opt}-${b} = ${f}`);
    }
  }
  // A larger batch ends lower at the same rate and number of updates (less noise).
  assert.ok((await num(page, 'final-loss-sgd-1024')) < (await num(page, 'final-loss-sgd-16')));
  const first = await value(page, 'final-loss-adam-128');
  const pixels = await canvasPixels(page, 'chart-sim-loss');
  await app.open('view=sim&lang=en');
  await done(page);
  assert.equal(await value(page, 'final-loss-adam-128'), first, 'deterministic');
  assert.equal(await canvasPixels(page, 'chart-sim-loss'), pixels, 'same curves');
  assert.deepEqual(app.problems(), []);
});

test('the sweep reproduces the four phenomena, and no main-thread task exceeds 50 ms', async () => {
  const { page } = app;
  await app.open('view=sim&lang=en&opts=sgd,momentum,adam&bs=1,4,16,64,256,1024,4096&seeds=1');
  await done(page);
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  await page.locator('[data-testid="run-sweep"]').click();
  assert.ok(
    await until(() => page.locator('[data-testid="sim-done"]').count().then((n) => n === 0), 5000),
    'the sweep starts: the last sim-done marker goes away',
  );
  // Inputs stay live while the sweep runs: the page answers a timer within a frame or two. The
  // sweep (3 optimizers × 7 batch sizes × a grid of rates) takes seconds, so it must still be busy.
  assert.ok(
    await until(() => page.locator('[data-testid="sim-progress"]').isVisible(), 5000),
    'the sweep shows its progress while it runs',
  );
  const t = await page.evaluate(() => new Promise((r) => { const s = performance.now(); setTimeout(() => r(performance.now() - s), 0); }));
  assert.ok(t < 60, `a timer fired after ${t} ms during the sweep`);
  assert.ok(
    await page.locator('[data-testid="sim-progress"]').isVisible(),
    'the timer was measured while the sweep was still running',
  );
  const ms = await done(page, 600000);
  console.log(`# sweep compute time ${ms} ms`);
  const longTasks = await page.evaluate(() => window.__longTasks);
  assert.deepEqual(longTasks.filter((d) => d > 50), [], 'no long task during the sweep');
  // 1. SGD's largest stable rate is the same for every batch size, just under 2/h_max = 2.
  const stable = [];
  for (const b of [1, 4, 16, 64, 256, 1024, 4096]) stable.push(await num(page, `max-stable-lr-sgd-${b}`));
  assert.ok(stable.every((s) => s === stable[0]) && stable[0] < 2 && stable[0] >= 0.9, `${stable}`);
  // 2. The best rate grows with B, then saturates below the ceiling.
  const best = [];
  for (const b of [1, 4, 16, 64, 256, 1024, 4096]) best.push(await num(page, `best-lr-sgd-${b}`));
  for (let i = 1; i < best.length; i++) assert.ok(best[i] >= best[i - 1], `${best}`);
  assert.ok(best[6] >= 4 * best[0] && best[5] === best[6] && best[6] < 2, `${best}`);
  // 3. Steps to target fall ~1/B below the knee and flatten past it.
  const s = async (b) => num(page, `steps-to-target-sgd-${b}`);
  assert.ok((await s(16)) / (await s(64)) > 2.5);
  assert.ok((await s(1024)) / (await s(4096)) < 1.1);
  const crit = await num(page, 'critical-batch-sgd');
  assert.ok(crit > 16 && crit < 256, `critical batch ${crit}`);
  // 4. Momentum and Adam have a larger critical batch than SGD (Zhang et al. 2019).
  assert.ok((await num(page, 'critical-batch-momentum')) > 1.5 * crit);
  assert.ok((await num(page, 'critical-batch-adam')) > 1.5 * crit);
  assert.ok((await num(page, 'b-simple')) > 0);
  for (const id of ['chart-sim-sweep', 'chart-sim-steps', 'chart-sim-examples']) {
    await page.locator(`canvas[data-testid="${id}"]`).waitFor();
  }
  assert.deepEqual(app.problems(), []);
});

test('a new input cancels the stale run and redraws; x switches without recomputing', async () => {
  const { page } = app;
  await app.open('view=sim&lang=en');
  await done(page);
  const before = await canvasPixels(page, 'chart-sim-loss');
  const loss = await value(page, 'final-loss-sgd-16');
  await setInput(page, 'steps', '400');
  await setInput(page, 'steps', '300');
  await done(page);
  assert.notEqual(await changed(() => value(page, 'final-loss-sgd-16'), loss), loss);
  assert.notEqual(await changed(() => canvasPixels(page, 'chart-sim-loss'), before), before);
  assert.ok(await until(() => page.evaluate(() => location.search.includes('steps=300'))));
  const steps = await canvasPixels(page, 'chart-sim-loss');
  await page.locator('[data-testid="input-x"]').selectOption('examples');
  assert.notEqual(await changed(() => canvasPixels(page, 'chart-sim-loss'), steps), steps);
  // Cancel: a long run (16 seeds × 20 000 steps) shows Cancel; after the click the progress
  // disappears, the status says so, and no sim-done appears.
  await setInput(page, 'steps', '20000');
  await setInput(page, 'seeds', '16');
  const cancel = page.locator('[data-testid="cancel"]');
  await cancel.waitFor({ state: 'visible', timeout: 5000 });
  await cancel.click({ timeout: 2000 });
  assert.ok(
    await until(() => page.locator('[data-testid="sim-progress"]').isHidden(), 5000),
    'the progress bar goes away after Cancel',
  );
  assert.match(await page.locator('[data-testid="sim-status"]').innerText(), /Cancelled/);
  await page.waitForTimeout(500);
  assert.equal(await page.locator('[data-testid="sim-done"]').count(), 0, 'a cancelled run never reports done');
  assert.deepEqual(app.problems(), []);
});

test('bad input shows a message beside the field and keeps the last result, marked stale', async () => {
  const { page } = app;
  await app.open('view=sim&lang=en');
  await done(page);
  const kept = await value(page, 'final-loss-sgd-16');
  for (const [key, bad] of [['bs', '0,4'], ['bs', '4,4'], ['steps', 'abc'], ['seeds', '0'], ['sim_lr', '-1'], ['target', '0']]) {
    await setInput(page, key, bad);
    const msg = await until(() => page.locator(`[data-testid="error-${key}"]`).textContent());
    assert.ok(msg && msg.trim().length > 5, `message for ${key}=${bad}`);
    assert.equal(await value(page, 'final-loss-sgd-16'), kept, 'last good result kept');
    await setInput(page, key, { bs: '16,128,1024', steps: '800', seeds: '2', sim_lr: '', target: '' }[key]);
  }
  await page.locator('[data-testid="input-x"]').selectOption('epochs');
  assert.match(await page.locator('[data-testid="error-x"]').textContent(), /steps, examples/);
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /NaN|Infinity|undefined/);
  assert.deepEqual(app.problems(), []);
});

test('a diverging rate ends its curve with a marker; lr=auto runs the sweep first; Chinese', async () => {
  const { page } = app;
  await app.open('view=sim&lang=zh&opts=sgd&bs=16&lr_sgd=3&seeds=2&steps=200');
  await done(page);
  assert.equal(await value(page, 'final-loss-sgd-16'), '', 'all runs diverged: no final loss');
  assert.match(await page.locator('[data-testid="sim-table"]').innerText(), /发散/);
  await app.open('view=sim&lang=zh&opts=sgd,adam&bs=16,256&sim_lr=auto&seeds=1');
  await done(page, 300000);
  assert.equal(await num(page, 'lr-sgd-256'), await num(page, 'best-lr-sgd-256'));
  assert.match(await page.locator('h2').first().innerText(), /模拟器/);
  assert.deepEqual(app.problems(), []);
});

test('the data-set tasks run with epochs on the x axis', async () => {
  const { page } = app;
  await app.open('view=sim&lang=en&task=softmax&opts=adam&bs=64&steps=200&seeds=1&x=epochs');
  await done(page, 300000);
  const f = await num(page, 'final-loss-adam-64');
  assert.ok(f > 0 && f < Math.log(4), `softmax loss ${f} below ln 4`);
  assert.deepEqual(app.problems(), []);
});

test('too much work: the message beside steps says what to cut, and its suggestion is accepted', async () => {
  const { page } = app;
  // 7 optimizers × 2 batch sizes × 16 seeds × 100,000 updates on the quadratic: 2.24 × 10⁹ units.
  const heavy = 'opts=sgd,momentum,nesterov,adam,adamw,sophia,lion&bs=16,128&steps=100000&seeds=16';
  await app.open(`view=sim&lang=en&${heavy}`);
  const msg = await until(() => page.locator('[data-testid="error-steps"]').textContent());
  assert.match(msg, /at most [\d,]+ updates \(now 100,000\)/);
  assert.match(msg, /only the first 3 of the 7 optimizers/);
  assert.match(msg, /only the batch size 16[;.]/);
  assert.match(msg, /8 seeds \(now 16\)/);
  await setInput(page, 'seeds', '8');
  assert.ok(await until(() => page.locator('[data-testid="error-steps"]').isHidden()), 'the suggestion is accepted');
  await app.open(`view=sim&lang=zh&${heavy}`);
  const zh = await until(() => page.locator('[data-testid="error-steps"]').textContent());
  assert.match(zh, /^计算量超出上限。以下任选一项改动即可：更新步数减少到 [\d,]+（现为 100,000）；/);
  assert.deepEqual(app.problems(), []);
});

test('a sweep over its own cap turns the sweep button off and says what to cut', async () => {
  const { page } = app;
  // The runs fit (18 × 10⁷ units); the sweep, 13 rates each, does not.
  await app.open('view=sim&lang=en&opts=sgd,momentum,adam,adamw,sophia,lion&bs=16,128,1024&steps=100000&seeds=1');
  const msg = await until(() => page.locator('[data-testid="error-sweep"]').textContent());
  assert.match(msg, /Any one of these changes fits: at most [\d,]+ updates/);
  assert.ok(await page.locator('[data-testid="run-sweep"]').isDisabled());
  await setInput(page, 'steps', '800');
  assert.ok(await until(() => page.locator('[data-testid="error-sweep"]').isHidden()));
  assert.ok(await until(() => page.locator('[data-testid="run-sweep"]').isEnabled()));
  assert.deepEqual(app.problems(), []);
});
