// End-to-end tests of the app shell and the Steps view against the built dist/.
// Reference values: a real Hugging Face Trainer (transformers 5.24.0), printed by
// tests/reference/trainer_steps.py (regenerate: python tests/reference/trainer_steps.py).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, value, num, setInput, canvasPixels, changed, until, VIEWS } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app.close();
});

test('HF Trainer reference run reads exactly through the URL, under a sub-path', async () => {
  const { page } = app;
  await app.open('view=steps&n=10000&mbs=8&ga=4&gpus=1&epochs=3&warmup=0.1&lang=en');
  assert.equal(await value(page, 'effective-batch'), '32');
  assert.equal(await value(page, 'batches-per-epoch'), '1250');
  assert.equal(await value(page, 'updates-per-epoch'), '313');
  assert.equal(await value(page, 'total-updates'), '939');
  assert.equal(await value(page, 'epochs-run'), '3');
  assert.equal(await value(page, 'epoch-final'), '3');
  assert.equal(await value(page, 'examples-seen'), '30000');
  assert.equal(await value(page, 'tokens-seen'), String(30000 * 512));
  assert.equal(await value(page, 'warmup-steps'), '94'); // ⌈939 × 0.1⌉
  // transformers ≤ 4.51 floors: 312 / 936, shown beside.
  assert.equal(await value(page, 'legacy-updates-per-epoch'), '312');
  assert.equal(await value(page, 'legacy-total-updates'), '936');
  assert.deepEqual(app.problems(), []);
});

test('10,000 examples at batch 100 → 100 steps, at 200 → 50', async () => {
  const { page } = app;
  await app.open('view=steps&n=10000&mbs=100&ga=1&gpus=1&epochs=1');
  assert.equal(await num(page, 'updates-per-epoch'), 100);
  await app.open('view=steps&n=10000&mbs=200&ga=1&gpus=1&epochs=1');
  assert.equal(await num(page, 'updates-per-epoch'), 50);
});

test('max_steps overrides epochs; drop_last and several devices follow accelerate', async () => {
  const { page } = app;
  await app.open('view=steps&n=10000&mbs=8&ga=4&epochs=3&max_steps=500');
  assert.equal(await num(page, 'total-updates'), 500);
  assert.equal(await num(page, 'epochs-run'), 2);
  assert.equal(await value(page, 'epoch-final'), '1.5984');
  assert.equal(await num(page, 'examples-seen'), 15984);
  await app.open('view=steps&n=10001&mbs=8&ga=4&epochs=3&drop_last=1');
  assert.equal(await num(page, 'total-updates'), 939);
  await app.open('view=steps&n=10000&mbs=8&ga=4&gpus=3&epochs=1');
  assert.equal(await num(page, 'batches-per-epoch'), 417);
  assert.equal(await num(page, 'updates-per-epoch'), 105);
  assert.equal(await num(page, 'effective-batch'), 96);
});

test('editing an input updates the figures, the chart and the URL', async () => {
  const { page } = app;
  await app.open('view=steps');
  assert.equal(await num(page, 'total-updates'), 300);
  const before = await canvasPixels(page, 'chart-lr');
  await setInput(page, 'mbs', '8');
  assert.equal(await changed(() => value(page, 'total-updates'), '300'), '150');
  const afterPixels = await changed(() => canvasPixels(page, 'chart-lr'), before);
  assert.notEqual(afterPixels, before, 'the chart was redrawn');
  const search = await until(() => page.evaluate(() => (location.search.includes('mbs=8') ? location.search : '')));
  assert.ok(search, 'the URL holds the new value');
  // A reload restores the same state.
  await page.reload();
  await page.waitForSelector('[data-testid="nav"]');
  assert.equal(await num(page, 'total-updates'), 150);
  assert.equal(await page.locator('[data-testid="input-mbs"]').inputValue(), '8');
  // Changing the schedule changes the chart.
  const cosine = await canvasPixels(page, 'chart-lr');
  await page.locator('[data-testid="input-sched"]').selectOption('linear');
  assert.notEqual(await changed(() => canvasPixels(page, 'chart-lr'), cosine), cosine);
  assert.deepEqual(app.problems(), []);
});

test('hovering the chart reads out the plotted values under the pointer', async () => {
  const { page } = app;
  // The default run (300 updates), with a linear decay from 1e-3 and no warmup.
  await app.open('view=steps&lang=en&sched=linear&warmup=0&lr=0.001');
  await canvasPixels(page, 'chart-lr');
  const canvas = page.locator('canvas[data-testid="chart-lr"]');
  const box = await canvas.boundingBox();
  const readout = page.locator('[data-testid="chart-lr-readout"]');
  // Outside the plot area (over the y-axis labels): nothing.
  await page.mouse.move(box.x + 5, box.y + box.height / 2);
  assert.equal(await readout.count(), 0);
  const at = async (fx) => {
    await page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.4);
    await readout.waitFor({ timeout: 3000 });
    const lines = (await readout.innerText()).split('\n');
    assert.equal(lines.length, 2, lines.join(' | '));
    assert.match(lines[0], /^optimizer update \d+$/);
    assert.match(lines[1], /^learning rate /);
    return Number(lines[0].match(/\d+$/)[0]);
  };
  const left = await at(0.3);
  const right = await at(0.8);
  assert.ok(left >= 1 && right <= 300 && right > left, `${left} < ${right}`);
  // A linear decay from 1e-3 with no warmup: the read-out's rate matches the update it names.
  const lines = (await readout.innerText()).split('\n');
  const u = Number(lines[0].match(/\d+$/)[0]);
  const shown = Number(lines[1].replace('learning rate ', '').replace('−', '-'));
  const expected = 1e-3 * (1 - (u - 1) / 300);
  assert.ok(Math.abs(shown - expected) <= 0.05 * expected, `${shown} vs ${expected} at update ${u}`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height + 40);
  assert.equal(await until(async () => (await readout.count()) === 0), true, 'the read-out goes when the pointer leaves');
  assert.deepEqual(app.problems(), []);
});

test('bad input shows a message beside the field and keeps the last result, marked stale', async () => {
  const { page } = app;
  await app.open('view=steps');
  for (const bad of ['abc', '0', '-3', '1e300', '', 'NaN']) {
    await setInput(page, 'ga', bad);
    const msg = await until(() => page.locator('[data-testid="error-ga"]').textContent());
    assert.ok(msg && msg.trim().length > 5, `message for ga=${JSON.stringify(bad)}`);
    assert.equal(await value(page, 'total-updates'), '300', 'last good result kept');
    assert.equal(await page.locator('[data-testid="total-updates"]').getAttribute('data-stale'), 'true');
  }
  await setInput(page, 'ga', '50');
  assert.equal(await changed(() => value(page, 'total-updates'), '300'), '150');
  assert.equal(await page.locator('[data-testid="total-updates"]').getAttribute('data-stale'), 'false');
  assert.deepEqual(app.problems(), []);
});

test('malformed URL values fall back to defaults with a notice naming them; payloads stay text', async () => {
  const { page } = app;
  const payload = encodeURIComponent('<img src=x onerror=alert(1)>');
  await app.open(`view=steps&mbs=-3&ga=${payload}&theme=purple&unknown=1`);
  const notice = page.locator('[data-testid="notice-bad-params"]');
  await notice.waitFor();
  const text = await notice.innerText();
  for (const key of ['mbs', 'ga', 'theme']) assert.match(text, new RegExp(`\\b${key}\\b`));
  assert.doesNotMatch(text, /unknown/, 'unknown keys are ignored');
  assert.equal(await num(page, 'effective-batch'), 100, 'defaults used');
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no markup injected');
  await notice.locator('button').click();
  assert.equal(await page.locator('[data-testid="notice-bad-params"]').count(), 0, 'dismissed');
  assert.deepEqual(app.problems(), []);
});

test('both languages: Chinese text, html lang follows, figures unchanged', async () => {
  const { page } = app;
  await app.open('view=steps&lang=zh');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh');
  assert.match(await page.locator('h2').first().innerText(), /步数/);
  await page.locator('[data-testid="lang-en"]').click();
  assert.equal(await until(() => page.evaluate(() => document.documentElement.lang === 'en')), true);
  assert.equal(await num(page, 'updates-per-epoch'), 100);
  await page.locator('[data-testid="theme"]').selectOption('dark');
  assert.equal(await until(() => page.evaluate(() => document.documentElement.dataset.theme === 'dark')), true);
  assert.deepEqual(app.problems(), []);
});

test('navigation: each view is a page with its own module, and the scenario carries over', async () => {
  const { page } = app;
  await app.open('view=steps&lang=zh&mbs=8');
  assert.equal(await page.locator('[data-testid="nav"] a').count(), VIEWS.length);
  // The module file a page fetched: the Steps page is Trunk's main app (batch-lab-*), the others
  // are named after their view (index.html, .ci/hash-pages.mjs).
  const modules = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((r) => new URL(r.name).pathname.split('/').pop())
        .filter((n) => n.endsWith('.wasm')),
    );
  assert.deepEqual((await modules()).map((n) => n.split('-')[0]), ['batch']);
  for (const key of [...VIEWS.filter((v) => v !== 'steps'), 'steps']) {
    await page.locator(`[data-testid="nav-${key}"]`).click();
    await page.locator(`[data-testid="view-${key}"]`).waitFor();
    const params = new URL(page.url()).searchParams;
    assert.equal(params.get('view'), key);
    assert.equal(params.get('lang'), 'zh', 'the language carries over');
    assert.equal(params.get('mbs'), '8', 'the Steps inputs carry over');
    assert.equal(await page.locator(`[data-testid="nav-${key}"]`).getAttribute('aria-current'), 'page');
    const wasm = await modules();
    assert.equal(wasm.length, 1, `one module on the ${key} page: ${wasm}`);
    // Trunk writes its 64-bit content hash in hex without leading zeros, so it can be shorter than 16 digits.
    assert.match(wasm[0], new RegExp(`^${key === 'steps' ? 'batch-lab' : key}-[0-9a-f]{1,16}_bg\\.wasm$`));
  }
  assert.equal(await num(page, 'effective-batch'), 200, 'mbs=8 still drives the Steps view');
  assert.deepEqual(app.problems(), []);
});

test('accumulation longer than an epoch: one update per epoch, as the Trainer does', async () => {
  const { page } = app;
  // Case accumulation-longer-than-epoch: 50 examples, micro-batch 8 → 7 micro-batches, GA 16.
  await app.open('view=steps&n=50&mbs=8&ga=16&epochs=2&lang=en');
  assert.equal(await num(page, 'batches-per-epoch'), 7);
  assert.equal(await num(page, 'updates-per-epoch'), 1);
  assert.equal(await num(page, 'total-updates'), 2);
  assert.equal(await num(page, 'examples-seen'), 100);
  assert.equal(await page.locator('[data-testid="input-ga"]').getAttribute('aria-invalid'), 'false', 'no error');
  assert.equal((await page.locator('[data-testid="error-ga"]').textContent()).trim(), '');
  assert.equal(await page.locator('[data-testid="total-updates"]').getAttribute('data-stale'), 'false');
  await page.locator('[data-testid="accumulation-spans-epoch"]').waitFor();
  // From the default run, typing a long accumulation is accepted too (2,500 micro-batches per epoch).
  await app.open('view=steps');
  await setInput(page, 'ga', '5000');
  assert.equal(await changed(() => value(page, 'total-updates'), '300'), '3');
  assert.doesNotMatch(await page.locator('main').innerText(), /NaN|Infinity|undefined/);
  assert.deepEqual(app.problems(), []);
});

test('fractional epochs: Num Epochs as logged, state.epoch at the end', async () => {
  const { page } = app;
  // Case fractional-2.5: 1,000 examples, micro-batch 8, GA 3 → 42 updates per epoch, 105 in all.
  await app.open('view=steps&n=1000&mbs=8&ga=3&epochs=2.5&lang=en');
  assert.equal(await num(page, 'total-updates'), 105);
  assert.equal(await value(page, 'epochs-run'), '3');
  assert.equal(await value(page, 'epoch-final'), '2.504');
  assert.equal(await num(page, 'examples-seen'), 2504);
  assert.deepEqual(app.problems(), []);
});

test('a real warmup (2.5) is accepted and truncated to 2 steps', async () => {
  const { page } = app;
  // Case warmup-2.5-linear: 10 updates, linear, peak 1.
  await app.open('view=steps&n=10&mbs=1&ga=1&epochs=1&sched=linear&lr=1&warmup=2.5&lang=en');
  assert.equal(await num(page, 'total-updates'), 10);
  assert.equal(await num(page, 'warmup-steps'), 2);
  assert.equal(await page.locator('[data-testid="input-warmup"]').getAttribute('aria-invalid'), 'false', 'no error');
  assert.equal((await page.locator('[data-testid="error-warmup"]').textContent()).trim(), '');
  assert.deepEqual(app.problems(), []);
});

test('devices are one key with the Memory view: dev=4 becomes gpus=4', async () => {
  const { page } = app;
  await app.open('view=steps&dev=4&mbs=8&ga=4&n=10000&epochs=1&lang=en');
  assert.equal(await num(page, 'effective-batch'), 128);
  assert.equal(await page.locator('[data-testid="input-gpus"]').inputValue(), '4');
  const params = await until(() =>
    page.evaluate(() => {
      const p = new URLSearchParams(location.search);
      return p.get('gpus') === '4' && !p.has('dev') ? location.search : '';
    }),
  );
  assert.ok(params, 'the URL holds gpus=4 and no dev');
  await page.locator('[data-testid="nav-memory"]').click();
  await page.locator('[data-testid="view-memory"]').waitFor();
  assert.equal(await page.locator('[data-testid="input-gpus"]').inputValue(), '4', 'Memory shows 4 GPUs');
  const url = new URL(page.url()).searchParams;
  assert.equal(url.getAll('gpus').length, 1);
  assert.equal(url.get('gpus'), '4');
  assert.equal(url.has('dev'), false);
  assert.deepEqual(app.problems(), []);
});

test('token counts in 万 keep their zeros: 10,000 examples × 100 tokens = 100 万', async () => {
  const { page } = app;
  const shown = () => page.locator('[data-testid="tokens-seen"]').innerText();
  await app.open('view=steps&lang=zh&n=10000&epochs=1&seq=100');
  assert.equal(await value(page, 'tokens-seen'), '1000000');
  assert.equal((await shown()).trim(), '100 万');
  await app.open('view=steps&lang=zh&n=10000&epochs=10&seq=100');
  assert.equal((await shown()).trim(), '1,000 万');
  await app.open('view=steps&lang=zh&n=10000&epochs=2&seq=100');
  assert.equal((await shown()).trim(), '200 万');
  await app.open('view=steps&lang=en&n=10000&epochs=1&seq=100');
  assert.equal((await shown()).trim(), '1 M');
  assert.deepEqual(app.problems(), []);
});
