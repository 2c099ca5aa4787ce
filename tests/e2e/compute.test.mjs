// End-to-end tests of the Time & cost view against the built dist/.
// Reference values are computed here, independently of the Rust code, from the model's shape
// (Llama-2-7B's Hugging Face config.json: d = 4096, L = 32, d_ff = 11008, V = 32000, 32 heads),
// the forward/backward rule (2 FLOPs per weight per token forward, twice that backward; Kaplan et
// al. 2020, §2.1), attention 4·L·s·d forward (Narayanan et al. 2021, §5.1) and the A100's dense
// BF16 peak (312 TFLOP/s, 400 W: NVIDIA A100 datasheet).
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

const D = 4096, L = 32, FF = 11008, V = 32000;
const LINEAR = L * (4 * D * D + 3 * D * FF); // decoder linears
const HEAD = V * D;
const PER_LAYER = 4 * D * D + 3 * D * FF + 2 * D; // + two RMSNorms
const close = (a, b, what) => assert.ok(Math.abs(a / b - 1) < 1e-9, `${what}: ${a} vs ${b}`);

// 100,000 examples, micro-batch 4, 8 GPUs, accumulation 8, one epoch: 25,000 micro-batches split
// evenly over 8 GPUs, so every example is seen once; effective batch 4 × 8 × 8 = 256.
const SCENARIO = 'model=llama-2-7b&method=full&prec=bf16-master&ckpt=none&gpu=a100-80&gpus=8&n=100000&epochs=1&seq=2048&mbs=4&ga=8';

test('figures match an independent computation', async () => {
  const { page } = app;
  await app.open(`view=compute&lang=en&${SCENARIO}&flops=detailed&causal=0&mfu=0.5&price=2`);
  const s = 2048;
  const fpt = 6 * (LINEAR + HEAD) + 12 * L * s * D;
  close(await num(page, 'flops-per-token'), fpt, 'FLOPs per token');
  const tokens = 100000 * s;
  const flops = fpt * tokens;
  close(await num(page, 'train-flops'), flops, 'train FLOPs');
  const rate = 8 * 312e12 * 0.5;
  const hours = flops / rate / 3600;
  close(await num(page, 'wall-hours'), hours, 'wall hours');
  close(await num(page, 'gpu-hours'), 8 * hours, 'GPU-hours');
  close(await num(page, 'step-seconds'), (256 * s * fpt) / rate, 'seconds per update');
  close(await num(page, 'tokens-per-second'), rate / fpt, 'tokens per second');
  close(await num(page, 'energy-kwh'), (400 * 8 * hours) / 1000, 'energy');
  close(await num(page, 'cost'), 2 * 8 * hours, 'cost');
  assert.equal(await num(page, 'compute-peak'), 312);
  assert.equal(await page.locator('[data-testid="notice-bad-params"]').count(), 0);
  assert.deepEqual(app.problems(), []);
});

test('the 6N rule, LoRA, checkpointing and causal halving', async () => {
  const { page } = app;
  await app.open(`view=compute&lang=en&${SCENARIO}&mfu=0.5`);
  const detailed = await value(page, 'flops-per-token');
  const bars = await canvasPixels(page, 'chart-compute-breakdown');
  await page.locator('[data-testid="input-flops"]').selectOption('6n');
  const sixN = Number(await changed(() => value(page, 'flops-per-token'), detailed));
  close(sixN, 6 * L * PER_LAYER, '6N');
  assert.notEqual(await changed(() => canvasPixels(page, 'chart-compute-breakdown'), bars), bars, 'breakdown redrawn');
  // LoRA on q, v at r = 8: frozen weights 4N, adapters 6 per parameter (4,194,304 of them).
  await page.locator('[data-testid="input-method"]').selectOption('lora');
  const lora = Number(await changed(() => value(page, 'flops-per-token'), String(sixN)));
  close(lora, 4 * L * PER_LAYER + 6 * 4194304, 'LoRA');
  // Full checkpointing adds a forward of the layers: 2N more.
  await page.locator('[data-testid="input-method"]').selectOption('full');
  await page.locator('[data-testid="input-ckpt"]').selectOption('full');
  const ckpt = Number(await changed(() => value(page, 'flops-per-token'), String(lora)));
  close(ckpt, 8 * L * PER_LAYER, '6N + recompute');
  // Causal halving touches only attention (detailed count, no recomputation).
  await app.open(`view=compute&${SCENARIO}&causal=1`);
  close(await num(page, 'flops-per-token'), 6 * (LINEAR + HEAD) + 6 * L * 2048 * D, 'causal');
  assert.ok(await until(() => page.evaluate(() => location.search.includes('causal=1'))));
  assert.deepEqual(app.problems(), []);
});

test('more GPUs: time falls and the chart changes; no price, no cost', async () => {
  const { page } = app;
  await app.open(`view=compute&lang=en&${SCENARIO}`);
  assert.equal(await page.locator('[data-testid="cost"]').count(), 0);
  assert.equal(await page.locator('[data-testid="compute-no-price"]').count(), 1);
  const h8 = await num(page, 'wall-hours');
  const chart = await canvasPixels(page, 'chart-compute-gpus');
  await setInput(page, 'gpus', '16');
  // Sixteen GPUs: twice the rate. 25,000 micro-batches over 16 GPUs is 1,562.5 each: every GPU
  // runs 1,563 (accelerate's even_batches loops back to the first examples), so the epoch sees
  // 1,563 × 4 × 16 = 100,032 examples instead of 100,000.
  const h16 = Number(await changed(() => value(page, 'wall-hours'), String(h8)));
  close(h16, (h8 / 2) * (100032 / 100000), 'twice the GPUs');
  assert.notEqual(await changed(() => canvasPixels(page, 'chart-compute-gpus'), chart), chart, 'GPU chart redrawn');
  assert.ok(await until(() => page.evaluate(() => location.search.includes('gpus=16'))));
  assert.deepEqual(app.problems(), []);
});

test('a card without a published peak asks for one; bad values keep the last result, stale', async () => {
  const { page } = app;
  await app.open(`view=compute&lang=en&${SCENARIO}`);
  const hours = await value(page, 'wall-hours');
  await setInput(page, 'mfu', '1.5');
  const msg = await until(() => page.locator('[data-testid="error-mfu"]').textContent());
  assert.ok(msg && msg.trim().length > 3);
  assert.equal(await value(page, 'wall-hours'), hours, 'last good result kept');
  assert.equal(await page.locator('[data-testid="wall-hours"]').getAttribute('data-stale'), 'true');
  await setInput(page, 'mfu', '0.4');
  assert.equal(await changed(() => page.locator('[data-testid="wall-hours"]').getAttribute('data-stale'), 'true'), 'false');
  await page.locator('[data-testid="input-gpu"]').selectOption('a10g');
  const need = await until(() => page.locator('[data-testid="error-tflops"]').textContent());
  assert.ok(need && need.trim().length > 3, 'the A10G needs a peak');
  // Its own message naming the card, not the generic "Enter a value."
  assert.match(need, /A10G/);
  assert.match(need, /TFLOP\/s/);
  assert.doesNotMatch(need, /^Enter a value\.$/);
  await setInput(page, 'tflops', '156');
  const h = Number(await changed(() => value(page, 'wall-hours'), hours));
  close(h, Number(hours) * 2, 'half the A100 peak, twice the time');
  await app.open(`view=compute&lang=zh&gpu=a10g`);
  const zh = await until(() => page.locator('[data-testid="error-tflops"]').textContent());
  assert.match(zh, /A10G/);
  assert.match(zh, /峰值/);
  assert.deepEqual(app.problems(), []);
});

test('hide=figures also hides the lines that read the figures (card peak, terms counted)', async () => {
  const { page } = app;
  await app.open('view=compute&lang=en');
  for (const id of ['compute-peak', 'compute-terms']) {
    assert.ok(await page.locator(`[data-testid="${id}"]`).isVisible(), `${id} shows without hide=`);
  }
  await page.goto(`${app.base}?view=compute&lang=en&embed=1&hide=figures`);
  await page.locator('[data-testid="view-compute"]').waitFor();
  await page.locator('[data-testid="compute-peak"]').waitFor({ state: 'attached' });
  for (const id of ['compute-peak', 'compute-terms', 'wall-hours']) {
    assert.equal(await page.locator(`[data-testid="${id}"]`).isVisible(), false, `${id} hidden by hide=figures`);
  }
  assert.ok(await page.locator('[data-testid="chart-compute-gpus"]').isVisible(), 'the charts stay');
  assert.deepEqual(app.problems(), []);
});

test('published runs: Llama 2 implies 40–50 % MFU; Chinese page, same figures', async () => {
  const { page } = app;
  await app.open('view=compute&lang=en');
  const rows = page.locator('[data-testid="runs-table"] tbody tr');
  await rows.first().waitFor();
  assert.ok((await rows.count()) >= 3 && (await rows.count()) <= 5);
  const mfu = Number(await value(page, 'run-1'));
  assert.ok(mfu > 0.4 && mfu < 0.5, `Llama 2 7B implied MFU ${mfu}`);
  const hours = await value(page, 'wall-hours');
  await app.open('view=compute&lang=zh');
  assert.match(await page.locator('[data-testid="view-compute"] h2').first().innerText(), /时间与成本/);
  assert.equal(await value(page, 'wall-hours'), hours);
  assert.match(await page.locator('[data-testid="nav-compute"]').innerText(), /时间与成本/);
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /NaN|Infinity|undefined/);
  assert.deepEqual(app.problems(), []);
});
