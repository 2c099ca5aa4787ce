// End-to-end tests of the Simulator view against the built dist/.
// Reference behaviour: a maximum stable step that does not grow with the batch, a best rate that
// grows with B and then saturates, steps to target falling ~1/B up to a critical batch and flat past
// it (McCandlish et al. 2018, eqs. 2.6 and 2.11–2.12), and a larger critical batch for momentum and
// Adam (Zhang et al. 2019, arXiv:1907.04164); the core's native tests (src/core/sim/sweep.rs) check
// the same, and the page must reproduce them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, value, num, setInput, canvasPixels, drawnCanvas, changed, until } from './harness.mjs';

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
  // Watches the status line from the click on: when the sweep shows as running (no sim-done, the
  // progress bar visible), a timer is set; that it fires within a frame or two while the sweep still
  // runs shows the page answering. (On the workers the whole sweep may take well under a second, so
  // the page is watched from inside rather than polled.)
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    const bar = document.querySelector('[data-testid="sim-status-bar"]');
    const sweep = (window.__sweep = { started: false, timer: null, stillBusy: null, fractions: [] });
    new MutationObserver(() => {
      const progress = bar.querySelector('[data-testid="sim-progress"]');
      const busy = !bar.querySelector('[data-testid="sim-done"]') && !progress.classList.contains('hidden');
      if (busy) sweep.fractions.push(progress.value);
      if (busy && !sweep.started) {
        sweep.started = true;
        const s = performance.now();
        setTimeout(() => {
          sweep.timer = performance.now() - s;
          sweep.stillBusy = !bar.querySelector('[data-testid="sim-done"]');
        }, 0);
      }
    }).observe(bar, { subtree: true, childList: true, attributes: true });
  });
  await page.locator('[data-testid="run-sweep"]').click();
  assert.ok(await until(() => page.evaluate(() => window.__sweep.started), 5000), 'the sweep starts: sim-done goes, the progress bar shows');
  const ms = await done(page, 600000);
  console.log(`# sweep compute time ${ms} ms`);
  const sweep = await page.evaluate(() => window.__sweep);
  assert.ok(sweep.timer !== null && sweep.timer < 60, `a timer fired after ${sweep.timer} ms during the sweep`);
  assert.ok(sweep.stillBusy, 'the timer was measured while the sweep was still running');
  // (The first sample can be the finished job's 1, caught before the bar's value was reset.)
  const fractions = sweep.fractions.slice(1);
  for (let i = 1; i < fractions.length; i++) assert.ok(fractions[i] >= fractions[i - 1], `progress only grows: ${fractions}`);
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

/**
 * A page of the test's browser that reports `cores` logical cores (the pool's size comes from
 * navigator.hardwareConcurrency), or that has no Worker at all (`cores` = 0: the page computes nothing and says so).
 */
async function pageWith(cores) {
  const page = await app.ctx.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript((cores) => {
    if (cores === 0) delete window.Worker;
    else Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => cores });
  }, cores);
  return { page, errors };
}

/** Every figure of the runs table, the sweep and the fits, by testid. */
async function figures(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid][data-value]')]
        .map((e) => [e.dataset.testid, e.dataset.value])
        .filter(([id]) => !id.startsWith('sim-done') && !id.startsWith('sim-status')),
    ),
  );
}

test('the workers: one per core, the same figures with 1, 2 and 5 workers; without Worker nothing is computed', async () => {
  // A sweep, then runs at its best rates (so the runs depend on the sweep), on the quadratic and on the MLP.
  const scenarios = [
    'view=sim&lang=en&opts=sgd,adam&bs=4,64,512&sim_lr=auto&seeds=2&steps=300',
    'view=sim&lang=en&task=softmax&opts=sgd,adam&bs=16,128&sim_lr=auto&seeds=2&steps=50',
  ];
  for (const query of scenarios) {
    const seen = [];
    for (const cores of [1, 2, 5]) {
      const { page, errors } = await pageWith(cores);
      await page.goto(`${app.base}?${query}`);
      await done(page, 300000);
      const bar = page.locator('[data-testid="sim-status-bar"]');
      assert.equal(await bar.getAttribute('data-workers'), String(cores), `${cores} workers`);
      assert.equal(await page.locator('[data-testid="sim-no-workers"]').count(), 0);
      const status = await page.locator('[data-testid="sim-status"]').innerText();
      assert.match(status, new RegExp(`background workers: ${cores};`));
      const figs = await figures(page);
      assert.ok(Object.keys(figs).some((k) => k.startsWith('best-lr-')) && Object.keys(figs).some((k) => k.startsWith('final-loss-')), 'sweep and runs shown');
      assert.ok(Number(figs['final-loss-adam-' + (query.includes('softmax') ? 128 : 64)]) > 0);
      seen.push([cores, figs]);
      assert.deepEqual(errors, [], `${cores} workers: no console error`);
      await page.close();
    }
    for (const [cores, figs] of seen.slice(1)) assert.deepEqual(figs, seen[0][1], `${query}: ${cores} workers give the figures of 1`);
  }
  // No Worker: the page says so in both languages and computes nothing (no result, no figure).
  for (const [lang, words] of [['en', /Web Workers?\b/], ['zh', /后台线程/]]) {
    const { page, errors } = await pageWith(0);
    await page.goto(`${app.base}?view=sim&lang=${lang}`);
    const note = page.locator('[data-testid="sim-no-workers"]');
    await note.waitFor({ timeout: 30000 });
    assert.match(await note.innerText(), words);
    assert.equal(await page.locator('[data-testid="sim-status-bar"]').getAttribute('data-workers'), '0');
    assert.equal(await page.locator('[data-testid="sim-done"]').count(), 0, 'nothing computed');
    const figs = await page.evaluate(() => [...document.querySelectorAll('[data-testid^="final-loss-"]')].filter((e) => e.dataset.value).length);
    assert.equal(figs, 0, 'no run figures');
    assert.deepEqual(errors, [], `${lang}: no console error`);
    await page.close();
  }
  assert.deepEqual(app.problems(), [], 'no request leaves the origin');
});

test('workers whose module cannot load: the page says so, no page error, nothing computed', async () => {
  const { page, errors } = await pageWith(2);
  // The start script must answer with a message, not die with an uncaught rejection: that reaches the page as the
  // worker's "error" event (which the page handles, so the browser stays quiet), but once the page has navigated
  // away nothing handles it and it shows as a page error. So no worker may fire "error" at all.
  await page.addInitScript(() => {
    window.__workerErrors = [];
    const Base = window.Worker;
    window.Worker = class extends Base {
      constructor(...args) {
        super(...args);
        this.addEventListener('error', (e) => window.__workerErrors.push(String(e.message)));
      }
    };
  });
  let aborted = 0;
  await page.route(/\/sim_worker-[^/]*_bg\.wasm$/, (route) => {
    aborted++;
    return route.abort();
  });
  await page.goto(`${app.base}?view=sim&lang=en`);
  await page.locator('[data-testid="sim-no-workers"]').waitFor({ timeout: 30000 });
  assert.ok(aborted > 0, 'the workers asked for their module');
  assert.equal(await page.locator('[data-testid="sim-done"]').count(), 0, 'nothing computed');
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__workerErrors), [], 'no worker "error" event');
  assert.deepEqual(errors, [], 'no console or page error');
  await page.close();
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
  assert.ok(Number(await page.locator('[data-testid="sim-status-bar"]').getAttribute('data-workers')) > 0, 'workers compute');
  await page.evaluate(() => {
    const bar = document.querySelector('[data-testid="sim-status-bar"]');
    const c = (window.__cancel = {});
    bar.querySelector('[data-testid="cancel"]').addEventListener('click', () => (c.clicked = performance.now()), { capture: true });
    new MutationObserver(() => {
      if (c.clicked && !c.stopped && bar.querySelector('[data-testid="sim-progress"]').classList.contains('hidden')) c.stopped = performance.now();
    }).observe(bar, { subtree: true, childList: true, attributes: true });
  });
  await cancel.click({ timeout: 2000 });
  assert.ok(
    await until(() => page.locator('[data-testid="sim-progress"]').isHidden(), 5000),
    'the progress bar goes away after Cancel',
  );
  const c = await page.evaluate(() => window.__cancel);
  console.log(`# cancel: the page showed it stopped ${(c.stopped - c.clicked).toFixed(1)} ms after the click`);
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

test('the divisor chart: SGD flat, Adam between, Sophia with the curvature; noise model and estimator switch', async () => {
  const { page } = app;
  await app.open('view=sim&lang=en');
  await done(page);
  const slope = async (rule) => {
    const el = page.locator(`[data-testid="divisor-slope-${rule}"]`);
    await el.waitFor({ state: 'attached', timeout: 10000 });
    return Number(await el.getAttribute('data-value'));
  };
  await drawnCanvas(page, 'chart-sim-divisor');
  const [sgd, adam, sophia] = [await slope('sgd'), await slope('adam'), await slope('sophia')];
  assert.ok(Math.abs(sgd) < 1e-9, `SGD's divisor is flat: ${sgd}`);
  assert.ok(adam > 0.3 && adam < sophia, `0 < Adam ${adam} < Sophia ${sophia}`);
  assert.ok(Math.abs(sophia - 1) < 1e-6, `GNB under C = H follows the curvature: ${sophia}`);
  const warm = await num(page, 'sophia-warm');
  assert.ok(warm > 0.5 && warm < 0.6, `80 refreshes at β₂ = 0.99: ${warm}`);
  const floor = await num(page, 'b-noise-floor');
  assert.ok(floor > 120 && floor < 140, `noise-floor batch ${floor}`);
  assert.match(await page.locator('[data-testid="divisor-reading"]').innerText(), /slope is/);
  // Isotropic noise: Adam's divisor stops following the curvature, and so does GNB's.
  await page.locator('[data-testid="input-sim_noise"]').selectOption('isotropic');
  assert.ok(await until(async () => (await slope('adam')) < adam - 0.2, 10000), 'Adam flattens');
  assert.ok(Math.abs(await slope('sophia')) < 1e-6, 'GNB measures σ²I: flat');
  assert.match(page.url(), /sim_noise=isotropic/);
  // Hutchinson measures H whatever the noise (the settings are folded away at their defaults).
  await page.locator('details:has([data-testid="input-sophia_est"]) > summary').click();
  await page.locator('[data-testid="input-sophia_est"]').selectOption('hutchinson');
  assert.ok(await until(async () => Math.abs((await slope('sophia')) - 1) < 0.2, 10000), 'Hutchinson follows h');
  assert.match(page.url(), /sophia_est=hutchinson/);
  // The update read is a field; a bad value keeps the chart and says why.
  await setInput(page, 'div_t', '5');
  assert.ok(await until(async () => Math.abs(await slope('sophia')) < 1e-9, 10000), 'before the first refresh every divisor is ε');
  assert.equal(await num(page, 'sophia-warm'), 0);
  await setInput(page, 'div_t', '0');
  const msg = await until(() => page.locator('[data-testid="error-div_t"]').textContent());
  assert.ok(msg && msg.trim().length > 5);
  // Off the quadratic the chart is replaced by a sentence.
  await app.open('view=sim&lang=zh&task=softmax&opts=adam&bs=64&steps=100&seeds=1');
  await done(page, 300000);
  await page.locator('[data-testid="sim-divisor"]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('[data-testid="chart-sim-divisor"]').count(), 0);
  assert.match(await page.locator('[data-testid="sim-divisor"]').innerText(), /二次模型/);
  assert.deepEqual(app.problems(), []);
});

test('the weight-decay preset makes AdamW differ from Adam', async () => {
  const { page } = app;
  await app.open('view=sim&lang=en&opts=adam,adamw&bs=16,1024&seeds=1');
  await done(page);
  const gap = async () => Math.abs((await num(page, 'final-loss-adamw-1024')) - (await num(page, 'final-loss-adam-1024')));
  const small = await gap();
  const adam = await num(page, 'final-loss-adam-1024');
  assert.match(await page.locator('[data-testid="decay-note"]').innerText(), /λ = 0\.01/);
  await page.locator('[data-testid="sim-preset-decay"]').click();
  assert.ok(await until(() => page.url().includes('adamw_wd=1'), 5000));
  await done(page);
  const big = await gap();
  console.log(`# Adam ${adam}, AdamW λ = 1 ${await num(page, 'final-loss-adamw-1024')} at B = 1024`);
  assert.ok(big > 10 * small && big > 0.1 * adam, `decay matters: gap ${small} → ${big} (Adam ${adam})`);
  assert.match(await page.locator('[data-testid="decay-note"]').innerText(), /λ = 1\b/);
  assert.deepEqual(app.problems(), []);
});

// The held-out loss experiment (core::sim::generalisation::EXPERIMENT): one click loads it, the page
// reports held-out loss and the gap per batch size, says what the runs show, and the figures are the
// native test's (`generalisation::tests::experiment_shows_its_figures`) bit for bit.
const EXPERIMENT_FIGURES = {
  // B: [held-out loss, gap], means of 4 seeds, printed by the native test.
  8: [1.9282099328964264, 1.2321701506050684],
  64: [1.2490260210441637, 0.5154324936622134],
  300: [1.1226033057175093, 0.08958774828440724],
};
test('the held-out experiment loads with one click and shows held-out loss and the gap, both languages', async () => {
  const { page } = app;
  for (const lang of ['en', 'zh']) {
    await app.open(`view=sim&lang=${lang}`);
    await done(page);
    const nodata = page.locator('.sim-gen-nodata');
    assert.ok(await nodata.isVisible(), 'the quadratic has no held-out split: the section says so');
    await page.locator('[data-testid="load-gen-experiment"]').click();
    assert.ok(
      await until(() => page.evaluate(() => location.search.includes('sim_label_noise=0.2') && location.search.includes('sim_epochs=40'))),
      'the experiment is in the URL',
    );
    assert.ok(
      await until(() => page.locator('[data-testid="sim-done"]').count().then((n) => n === 0), 5000),
      'the experiment starts',
    );
    const ms = await done(page, 300000);
    console.log(`# held-out experiment (${lang}) compute time ${ms} ms`);
    const figures = {};
    for (const b of [8, 64, 300]) {
      const h = await num(page, `heldout-loss-sgd-${b}`);
      const g = await num(page, `gen-gap-sgd-${b}`);
      const train = await num(page, `final-loss-sgd-${b}`);
      assert.ok(Number.isFinite(h) && h > 0, `heldout-loss-sgd-${b} = ${h}`);
      assert.ok(Math.abs(h - train - g) < 1e-9, `gap = held-out − training at B = ${b}: ${h} − ${train} vs ${g}`);
      figures[b] = [h, g];
    }
    console.log(`# held-out experiment figures ${JSON.stringify(figures)}`);
    for (const [b, [h, g]] of Object.entries(EXPERIMENT_FIGURES)) {
      assert.equal(await value(page, `heldout-loss-sgd-${b}`), String(h), `held-out B = ${b} as natively`);
      assert.equal(await value(page, `gen-gap-sgd-${b}`), String(g), `gap B = ${b} as natively`);
    }
    const verdict = await page.locator('[data-testid="gen-verdict"]').innerText();
    assert.match(verdict, /B = 8/);
    assert.match(verdict, /B = 300/);
    assert.match(verdict, lang === 'en' ? /Held-out loss/ : /留出集损失/);
    const lit = await page.locator('[data-testid="gen-literature"]').innerText();
    assert.match(lit, /Keskar/);
    assert.match(lit, /Shallue/);
    await drawnCanvas(page, 'chart-sim-gen');
    assert.ok(!(await nodata.isVisible()), 'on the data set the no-data note is hidden');
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /NaN|Infinity|undefined/);
  }
  // Bad values of the new fields: a message beside the field, the last result kept.
  const kept = await value(page, 'heldout-loss-sgd-8');
  for (const [key, bad, good] of [['sim_label_noise', '0.9', '0.2'], ['sim_n', '0', '300'], ['sim_epochs', '-1', '40']]) {
    await setInput(page, key, bad);
    const msg = await until(() => page.locator(`[data-testid="error-${key}"]`).textContent());
    assert.ok(msg && msg.trim().length > 3, `message for ${key}=${bad}`);
    assert.equal(await value(page, 'heldout-loss-sgd-8'), kept, 'last good result kept');
    await setInput(page, key, good);
  }
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
  // The runs fit (56 × 10⁷ units); the sweep, 13 rates each (7.3 × 10⁹), does not.
  await app.open('view=sim&lang=en&opts=sgd,momentum,nesterov,adam,adamw,sophia,lion&bs=1,4,16,64,128,256,1024,4096&steps=100000&seeds=1');
  const msg = await until(() => page.locator('[data-testid="error-sweep"]').textContent());
  assert.match(msg, /Any one of these changes fits: at most [\d,]+ updates/);
  assert.ok(await page.locator('[data-testid="run-sweep"]').isDisabled());
  await setInput(page, 'steps', '800');
  assert.ok(await until(() => page.locator('[data-testid="error-sweep"]').isHidden()));
  assert.ok(await until(() => page.locator('[data-testid="run-sweep"]').isEnabled()));
  assert.deepEqual(app.problems(), []);
});
