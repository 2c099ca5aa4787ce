// End-to-end tests of the Batch & LR view against the built dist/.
// Reference values: McCandlish et al. 2018 (arXiv:1812.06162) eqs. 2.6–2.12 and App. A.1, and the
// batch-size rules of Goyal et al. 2017 and Malladi et al. 2022, all printed by
// `python tests/reference/noise_scale.py`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, value, num, setInput, canvasPixels, changed, until, hoverReadout } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app.close();
});

// data-value holds reals rounded to 12 significant digits.
const close = (a, b, rel = 1e-11) => Math.abs(a - b) <= rel * Math.abs(b);

test('McCandlish eq. 2.6: ε_opt at B = 1, 4, 100 for H = diag(1, 10), G = (1, 1), Σ = diag(4, 1)', async () => {
  const { page } = app;
  // B_noise = 14/11, ε_max = 2/11 (eqs. 2.6 and 2.8).
  const q = `view=lr&b_noise=${14 / 11}&eps_max=${2 / 11}`;
  await app.open(`${q}&b=1`);
  assert.equal(await value(page, 'eps-opt'), '0.08'); // ε_opt(1) = 2/(11 + 14)
  await app.open(`${q}&b=4`);
  assert.ok(close(await num(page, 'eps-opt'), 8 / 58)); // 0.137931…
  await app.open(`${q}&b=100`);
  assert.ok(close(await num(page, 'eps-opt'), 200 / 1114)); // 0.179533…
  assert.deepEqual(app.problems(), []);
});

test('McCandlish eq. 2.11: S/S_min and E/E_min at B_crit = 1000', async () => {
  const { page } = app;
  for (const [b, s, e] of [
    ['100', '11', '1.1'],
    ['1000', '2', '2'],
    ['10000', '1.1', '11'],
  ]) {
    await app.open(`view=lr&b_noise=1000&b=${b}`);
    assert.equal(await value(page, 's-over-smin'), s, `S/S_min at ${b}`);
    assert.equal(await value(page, 'e-over-emin'), e, `E/E_min at ${b}`);
    assert.equal(await value(page, 'b-crit'), '1000');
  }
  // At B = B_noise the best step is half of ε_max (eq. 2.6).
  await app.open('view=lr&b_noise=1000&b=1000&eps_max=0.1');
  assert.equal(await value(page, 'eps-opt'), '0.05');
  assert.equal(await page.locator('[data-testid="critical-reading"]').count(), 1);
});

test('McCandlish App. A.1: the two-batch estimator gives |G|² = 4, tr Σ = 100, B_simple = 25', async () => {
  const { page } = app;
  await app.open('view=lr&b_small=32&gn_small=7.125&b_big=512&gn_big=4.1953125');
  assert.equal(await value(page, 'g2'), '4');
  assert.equal(await value(page, 'trace-sigma'), '100');
  assert.equal(await value(page, 'b-simple'), '25');
  assert.match(await page.locator('[data-testid="estimator-advice"]').innerText(), /25/);
});

test('Malladi et al. square-root rule for Adam, κ = 4; Goyal et al. linear rule for SGD', async () => {
  const { page } = app;
  await app.open('view=lr&lr0=1e-4&b0=256&b1=1024&scale_opt=adam&beta1=0.9&beta2=0.999&adam_eps=1e-8');
  assert.equal(await value(page, 'kappa'), '4');
  assert.equal(await num(page, 'lr-sqrt'), 2e-4);
  assert.equal(await num(page, 'lr-linear'), 4e-4);
  assert.equal(await value(page, 'beta1-new'), '0.6');
  assert.equal(await value(page, 'beta2-new'), '0.996');
  assert.equal(await num(page, 'adam-eps-new'), 5e-9);
  assert.equal(await value(page, 'lr-suggested'), 'sqrt');
  // With B_noise = 1000: lr × ε_opt(1024)/ε_opt(256) = 1e-4 × (1024/2024)/(256/1256).
  assert.ok(close(await num(page, 'lr-mccandlish'), 1e-4 * (1024 / 2024) / (256 / 1256), 1e-10));
  // Goyal et al. 2017: 0.1 × 8192/256 = 3.2.
  await app.open('view=lr&lr0=0.1&b0=256&b1=8192&scale_opt=sgd');
  assert.equal(await value(page, 'lr-linear'), '3.2');
  assert.equal(await value(page, 'lr-suggested'), 'linear');
  assert.equal(await page.locator('[data-testid="beta1-new"]').count(), 0, 'no Adam figures for SGD');
  // 8192 is well past the default B_crit of 1000: a warning.
  assert.equal(await page.locator('[data-testid="critical-note"]').getAttribute('data-regime'), 'beyond');
  // Too large a jump for Adam's β₁: no number, an explanation.
  await app.open('view=lr&lr0=1e-4&b0=256&b1=8192&scale_opt=adam');
  assert.equal(await value(page, 'beta1-new'), '');
  assert.match(await page.locator('[data-testid="lr-scaling"]').innerText(), /κ\(1 − β\) = 3\.2/);
  assert.deepEqual(app.problems(), []);
});

/** Exact-gradient heavy ball on ½(λ_max θ₁² + λ₂ θ₂²) from (1, 1), as core::max_step does. */
function blowUpStep(lamMax, lam2, eta, beta, iters) {
  let [t1, t2, v1, v2] = [1, 1, 0, 0];
  const loss = () => 0.5 * (lamMax * t1 * t1 + lam2 * t2 * t2);
  const cap = 1e6 * loss();
  for (let k = 1; k <= iters; k++) {
    v1 = beta * v1 - eta * lamMax * t1;
    v2 = beta * v2 - eta * lam2 * t2;
    t1 += v1;
    t2 += v2;
    if (loss() > cap) return k;
  }
  return null;
}

test('maximum step: 2/λ_max, 2(1+β)/λ_max, and what the run does either side', async () => {
  const { page } = app;
  await app.open('view=lr&lam_max=10&lam_2=1&step_size=0.19&momentum=0&iters=50');
  assert.equal(await value(page, 'eta-max'), '0.2');
  assert.equal(await value(page, 'verdict'), 'converges');
  assert.equal(await value(page, 'blowup-step'), '');
  const before = await canvasPixels(page, 'chart-path');
  await setInput(page, 'step_size', '0.25');
  assert.equal(await changed(() => value(page, 'verdict'), 'converges'), 'diverges');
  assert.equal(await num(page, 'blowup-step'), blowUpStep(10, 1, 0.25, 0, 50));
  assert.notEqual(await changed(() => canvasPixels(page, 'chart-path'), before), before);
  // Exactly at the bound: the steep coordinate bounces for ever.
  await setInput(page, 'step_size', '0.2');
  assert.equal(await changed(() => value(page, 'verdict'), 'diverges'), 'oscillates');
  // Momentum β = 0.9 raises the bound to 0.38 and rescues 0.25.
  await setInput(page, 'step_size', '0.25');
  await setInput(page, 'momentum', '0.9');
  assert.equal(await until(async () => (await value(page, 'eta-max')) === '0.38' && 'ok'), 'ok');
  assert.equal(await value(page, 'verdict'), 'converges');
  assert.deepEqual(app.problems(), []);
});

test('editing updates figures, charts and the URL; the links fill b and b_noise', async () => {
  const { page } = app;
  await app.open('view=lr');
  assert.equal(await value(page, 'b-crit'), '1000');
  const eps = await canvasPixels(page, 'chart-eps-opt');
  const trade = await canvasPixels(page, 'chart-tradeoff');
  await setInput(page, 'b', '4096');
  assert.equal(await changed(() => value(page, 'e-over-emin'), '1.256'), '5.096');
  assert.notEqual(await changed(() => canvasPixels(page, 'chart-eps-opt'), eps), eps);
  assert.notEqual(await changed(() => canvasPixels(page, 'chart-tradeoff'), trade), trade);
  assert.ok(await until(() => page.evaluate(() => location.search.includes('b=4096'))));
  // The Steps view's effective batch (default 100 × 1 × 1 = 100).
  await page.locator('[data-testid="use-steps-batch"]').click();
  assert.equal(await page.locator('[data-testid="input-b"]').inputValue(), '100');
  assert.equal(await changed(() => value(page, 's-over-smin'), '1.244140625'), '11');
  // Section 3's B_simple (800) as the noise scale.
  const rules = await canvasPixels(page, 'chart-lr-rules');
  await page.locator('[data-testid="use-b-simple"]').click();
  assert.equal(await changed(() => value(page, 'b-crit'), '1000'), '800');
  assert.notEqual(await changed(() => canvasPixels(page, 'chart-lr-rules'), rules), rules);
  // A reload restores the state.
  await until(() => page.evaluate(() => location.search.includes('b_noise=800')));
  await page.reload();
  await page.waitForSelector('[data-testid="nav"]');
  assert.equal(await value(page, 'b-crit'), '800');
  assert.deepEqual(app.problems(), []);
});

test('bad input: messages beside fields, last result kept and marked stale, never NaN', async () => {
  const { page } = app;
  await app.open('view=lr');
  for (const bad of ['abc', '0', '-5', '', '1e400']) {
    await setInput(page, 'b_noise', bad);
    const msg = await until(() => page.locator('[data-testid="error-b_noise"]').textContent());
    assert.ok(msg && msg.trim().length > 5, `message for b_noise=${JSON.stringify(bad)}`);
    assert.equal(await value(page, 'b-crit'), '1000');
    assert.equal(await page.locator('[data-testid="b-crit"]').getAttribute('data-stale'), 'true');
  }
  await setInput(page, 'b_noise', '1000');
  // Equal batch sizes: which input, and what to do.
  await setInput(page, 'b_big', '32');
  assert.ok(await until(() => page.locator('[data-testid="error-b_big"]').textContent()));
  assert.match(await page.locator('[data-testid="estimator-problem"]').innerText(), /equal|different/);
  assert.equal(await value(page, 'b-simple'), '800');
  assert.equal(await page.locator('[data-testid="b-simple"]').getAttribute('data-stale'), 'true');
  // Noisy norms: the big-batch norm above the small one gives a negative tr Σ estimate.
  await setInput(page, 'b_big', '512');
  await setInput(page, 'gn_big', '200');
  assert.match(await until(() => page.locator('[data-testid="estimator-problem"]').innerText()), /average/i);
  assert.ok(await until(() => page.locator('[data-testid="error-gn_small"]').textContent()));
  assert.equal(await value(page, 'b-simple'), '800');
  // λ₂ must be below λ_max.
  await setInput(page, 'lam_2', '20');
  assert.ok(await until(() => page.locator('[data-testid="error-lam_2"]').textContent()));
  assert.equal(await value(page, 'eta-max'), '0.2');
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /NaN|Infinity|undefined/);
  // A noisy estimate in the URL is explained, not reset to the default.
  await app.open('view=lr&b_small=32&gn_small=4&b_big=512&gn_big=5');
  assert.equal(await page.locator('[data-testid="notice-bad-params"]').count(), 0);
  assert.match(await page.locator('[data-testid="estimator-problem"]').innerText(), /average/i);
  assert.equal(await value(page, 'b-simple'), '');
  assert.deepEqual(app.problems(), []);
});

test('Chinese: headings and chart labels in Chinese, figures unchanged', async () => {
  const { page } = app;
  await app.open('view=lr&lang=zh');
  const text = await page.locator('[data-testid="view-lr"]').innerText();
  for (const word of ['最大步长', '临界批量', '噪声尺度', '学习率']) assert.match(text, new RegExp(word));
  assert.match(await page.locator('canvas[data-testid="chart-steps-examples"]').getAttribute('aria-label'), /步数/);
  assert.equal(await value(page, 'b-simple'), '800');
  assert.equal(await value(page, 'verdict'), 'converges');
  assert.deepEqual(app.problems(), []);
});

test("b_noise can be filled from the Simulator's fitted critical batch", async () => {
  const { page } = app;
  await app.open('view=sim&lang=en');
  assert.equal(await page.locator('[data-testid="use-sim-noise"]').count(), 0);
  await page.locator('[data-testid="run-sweep"]').click();
  // What travels is SGD's fitted critical batch (the knee of the steps curve), not B_noise.
  const measured = await until(async () => {
    const bc = await page.locator('[data-testid="critical-batch-sgd"]').getAttribute('data-value').catch(() => '');
    return bc;
  }, 30000);
  assert.ok(Number(measured) > 0, `fitted critical batch ${measured}`);
  const bn = Number(await page.locator('[data-testid="b-noise"]').getAttribute('data-value'));
  assert.ok(bn > 3 * Number(measured), `B_noise ${bn} at the target is far above the knee ${measured}`);
  // Switch views in the page (no reload): the measurement is offered for b_noise.
  await page.locator('[data-testid="nav-lr"]').click();
  const link = page.locator('[data-testid="use-sim-noise"]');
  await link.waitFor();
  await link.click();
  const filled = await until(async () => {
    const v = await page.locator('[data-testid="input-b_noise"]').inputValue();
    return v !== '' && Math.abs(Number(v) / Number(measured) - 1) <= 5e-4 ? v : '';
  });
  assert.ok(filled, 'b_noise holds the measured value');
  // Rounded to 4 significant digits (232.4, not 232.417…), in a form the field reads.
  assert.match(filled, /^[0-9.e+-]+$/, filled);
  const significant = filled.replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  assert.ok(significant.length <= 4, `b_noise = ${filled}`);
  assert.equal(await page.locator('[data-testid="input-b_noise"]').getAttribute('aria-invalid'), 'false');
  assert.deepEqual(app.problems(), []);
});

test('read-out on log axes: S/S_min and E/E_min under the pointer follow McCandlish et al. (2018) eq. 2.11', async () => {
  const { page } = app;
  await app.open('view=lr&lang=en&b_noise=1000');
  for (const fx of [0.3, 0.7]) {
    const lines = await hoverReadout(page, 'chart-steps-examples', fx, 0.5);
    assert.ok(lines, 'a read-out appears');
    assert.equal(lines.length, 3, JSON.stringify(lines));
    const [[bName, b], [, s], [, e]] = lines;
    assert.match(bName, /^batch size/);
    // S/S_min = 1 + B_noise/B and E/E_min = 1 + B/B_noise, to the 4 digits shown.
    assert.ok(Math.abs(s / (1 + 1000 / b) - 1) < 2e-3, `S ${s} at B ${b}`);
    assert.ok(Math.abs(e / (1 + b / 1000) - 1) < 2e-3, `E ${e} at B ${b}`);
  }
  // Further right on a log axis means a larger batch.
  const left = (await hoverReadout(page, 'chart-steps-examples', 0.3, 0.5))[0][1];
  const right = (await hoverReadout(page, 'chart-steps-examples', 0.7, 0.5))[0][1];
  assert.ok(right > 3 * left, `${left} → ${right}`);
  assert.deepEqual(app.problems(), []);
});
