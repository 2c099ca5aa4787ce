// End-to-end tests of the chart exports: on every view, each chart's PNG, SVG, CSV and JSON buttons
// download a file whose name says what is inside, and the file reads back: the SVG parses as XML
// with an <svg> root and the axis titles, the CSV (RFC 4180) and the JSON hold the plotted numbers
// matching the figures on the page, the PNG is a PNG at twice the canvas's CSS width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startApp, num, value, openTable, setInput, drawnCanvas, until } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app.close();
});

/**
 * Clicks a button and returns the download: suggested file name and bytes. Headless Chromium drops
 * about one download in eleven when a page starts them back to back (an `<a download>` built in
 * plain JavaScript shows the same), so a click whose download does not come is made again.
 */
async function grab(page, testid) {
  const button = page.locator(`[data-testid="${testid}"]`);
  await button.waitFor({ timeout: 10000 });
  for (let attempt = 1; ; attempt++) {
    try {
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 4000 }), button.click()]);
      const file = await dl.path();
      return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** RFC 4180: fields separated by commas, quoted fields with doubled quotes, records ending in CRLF. */
function parseCsv(text) {
  assert.ok(text.startsWith('\ufeff'), 'UTF-8 byte-order mark');
  text = text.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r') {
      assert.equal(text[i + 1], '\n', 'CRLF');
      i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  assert.equal(field + row.join(''), '', 'the last record ends with CRLF');
  const width = rows[0].length;
  for (const r of rows) assert.equal(r.length, width, 'every record has the header’s width');
  return { head: rows[0], rows: rows.slice(1) };
}

/** Reads an SVG in the page's XML parser: root element name, parse errors, all text. */
async function readSvg(page, text) {
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return {
      root: doc.documentElement.nodeName,
      error: doc.getElementsByTagName('parsererror').length > 0,
      text: doc.documentElement.textContent,
    };
  }, text);
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { w: bytes.readUInt32BE(16), h: bytes.readUInt32BE(20) };
}

/**
 * Exports one chart in all four formats and checks what every export must satisfy.
 * `suffix` is the buttons' testid suffix ('' for a view's only chart); `stem` the expected file
 * name without the extension; `labels` texts the SVG must contain.
 */
async function exportAll(page, { canvas, suffix, stem, labels }) {
  const id = (f) => (suffix ? `export-${f}-${suffix}` : `export-${f}`);
  const css = await page.locator(`canvas[data-testid="${canvas}"]`).evaluate((c) => c.getBoundingClientRect().width);

  const png = await grab(page, id('png'));
  assert.equal(png.name, `${stem}.png`);
  const size = pngSize(png.bytes);
  assert.ok(Math.abs(size.w - 2 * css) <= 2, `PNG width ${size.w} = 2 × ${css}`);

  const svg = await grab(page, id('svg'));
  assert.equal(svg.name, `${stem}.svg`);
  const doc = await readSvg(page, svg.bytes.toString('utf8'));
  assert.equal(doc.root, 'svg');
  assert.equal(doc.error, false, 'SVG parses as XML');
  for (const l of labels) assert.ok(doc.text.includes(l), `SVG has the label ${l}`);

  const csvFile = await grab(page, id('csv'));
  assert.equal(csvFile.name, `${stem}.csv`);
  const csv = parseCsv(csvFile.bytes.toString('utf8'));

  const jsonFile = await grab(page, id('json'));
  assert.equal(jsonFile.name, `${stem}.json`);
  const json = JSON.parse(jsonFile.bytes.toString('utf8'));
  assert.deepEqual(json.columns, csv.head, 'JSON and CSV have the same columns');
  assert.equal(json.rows.length, csv.rows.length, 'and the same rows');
  assert.equal(json.title, await page.locator(`canvas[data-testid="${canvas}"]`).getAttribute('aria-label'));
  // Every number in the CSV is the JSON's number, at full precision.
  csv.rows.forEach((r, i) =>
    r.forEach((c, j) => {
      const v = json.rows[i][j];
      if (typeof v === 'number') assert.equal(Number(c), v);
      else if (v === null) assert.equal(c, '');
      else assert.equal(c, v);
    }),
  );
  return { csv, json };
}

test('Steps: the LR schedule exports; the CSV holds every update and the peak rate', async () => {
  const { page } = app;
  await app.open('view=steps&n=10000&mbs=100&ga=1&epochs=1&lr=3e-4&warmup=10&sched=linear&lang=en');
  assert.equal(await num(page, 'total-updates'), 100);
  const { csv, json } = await exportAll(page, {
    canvas: 'chart-lr',
    suffix: '',
    stem: 'batch-lab_steps_lr-schedule_n10000_b100_linear',
    labels: ['optimizer update', 'learning rate'],
  });
  assert.deepEqual(csv.head, ['optimizer update', 'learning rate']);
  assert.equal(csv.rows.length, 100, 'one row per update');
  assert.deepEqual(csv.rows.map((r) => Number(r[0])), Array.from({ length: 100 }, (_, i) => i + 1));
  const lrs = json.rows.map((r) => r[1]);
  assert.equal(Math.max(...lrs), 3e-4, 'the peak is the URL’s lr, exactly');
  assert.equal(lrs[10], 3e-4, 'reached right after 10 warmup updates');
  // The on-page table: caption = the one-line summary, rows on demand.
  const table = await openTable(page, 'chart-lr');
  assert.equal(await table.getAttribute('data-testid'), 'chart-lr-data');
  assert.equal(await table.locator('caption').textContent(), await page.locator('canvas[data-testid="chart-lr"]').getAttribute('aria-label'));
  assert.ok((await table.locator('tbody tr').count()) > 10);
  assert.deepEqual(app.problems(), []);
});

test('invalid input: the exports hold the last good chart, marked stale; with no chart to keep they are off', async () => {
  const { page } = app;
  await app.open('view=steps&n=10000&mbs=100&ga=1&epochs=1&lang=en');
  await drawnCanvas(page, 'chart-lr');
  await setInput(page, 'n', 'abc');
  await page.locator('figure.chart.stale canvas[data-testid="chart-lr"]').waitFor({ state: 'attached' });
  const note = 'kept from the last valid input';
  const text = (await grab(page, 'export-csv')).bytes.toString('utf8');
  assert.ok(text.startsWith(`\ufeff# ${note}\r\n`), JSON.stringify(text.slice(0, 60)));
  const csv = parseCsv('\ufeff' + text.slice(text.indexOf('\r\n') + 2));
  assert.equal(csv.rows.length, 100, 'the last good schedule, not an empty table');
  const json = JSON.parse((await grab(page, 'export-json')).bytes.toString('utf8'));
  assert.ok(json.title.endsWith(`(${note})`), json.title);
  assert.equal(json.rows.length, 100);
  const svg = (await grab(page, 'export-svg')).bytes.toString('utf8');
  assert.match(svg, new RegExp(`<title>[^<]*\\(${note}\\)</title>`));
  assert.equal((await readSvg(page, svg)).error, false, 'the marked SVG still parses');
  // Valid again: nothing is marked.
  await setInput(page, 'n', '10000');
  await until(async () => (await page.locator('figure.chart.stale').count()) === 0);
  assert.ok(!(await grab(page, 'export-csv')).bytes.toString('utf8').includes(note));
  assert.deepEqual(app.problems(), []);
  // B_min above B_max from the start: section 2 never had a valid input, its charts are empty.
  await app.open('view=lr&lang=en&b_min=1000&b_max=10');
  await drawnCanvas(page, 'chart-eps-opt');
  for (const f of ['png', 'svg', 'csv', 'json']) {
    const button = page.locator(`[data-testid="export-${f}-eps-opt"]`);
    assert.ok(await until(() => button.isDisabled()), `export-${f}-eps-opt is off`);
  }
  assert.ok(await page.locator('[data-testid="export-csv-loss"]').isEnabled(), 'section 1 still exports');
});

test('Steps in Chinese: headers and SVG labels in Chinese, file name unchanged', async () => {
  const { page } = app;
  await app.open('view=steps&lang=zh');
  const { csv } = await exportAll(page, {
    canvas: 'chart-lr',
    suffix: '',
    stem: 'batch-lab_steps_lr-schedule_n10000_b100_cosine',
    labels: ['参数更新次数', '学习率'],
  });
  assert.deepEqual(csv.head, ['参数更新次数', '学习率']);
  assert.deepEqual(app.problems(), []);
});

test('Batch & LR: all eight charts export, suffixed per chart', async () => {
  const { page } = app;
  await app.open('view=lr&lang=en');
  const charts = ['path', 'loss', 'sweep', 'eps-opt', 'steps-examples', 'tradeoff', 'norm-fit', 'lr-rules'];
  const keys = {
    path: 'lmax10_l2-1_eta0.19_beta0',
    loss: 'lmax10_l2-1_eta0.19_beta0',
    sweep: 'lmax10_l2-1_eta0.19_beta0',
    'eps-opt': 'bnoise1000_epsmax0.1_b256',
    'steps-examples': 'bnoise1000_epsmax0.1_b256',
    tradeoff: 'bnoise1000_epsmax0.1_b256',
    'norm-fit': 'bs32_gs104_bb512_gb10.25',
    'lr-rules': 'lr1e-4_b0-256_b1-1024_adam',
  };
  const out = {};
  for (const c of charts) {
    const label = await page.locator(`canvas[data-testid="chart-${c}"]`).getAttribute('aria-label');
    assert.ok(label, `chart-${c} has a text alternative`);
    out[c] = await exportAll(page, { canvas: `chart-${c}`, suffix: c, stem: `batch-lab_lr_${c}_${keys[c]}`, labels: [] });
    assert.ok(out[c].csv.rows.length > 0, `chart-${c} has data`);
  }
  // The loss run: one row per step, 0 … iters (50 by default).
  assert.equal(out.loss.csv.rows.length, 51);
  assert.equal(out.path.csv.rows.length, 51);
  // The estimator's two measurements are in the table exactly as typed in the URL.
  const measured = out['norm-fit'].json.rows.filter((r) => r[0] === 'measured').map((r) => [r[1], r[2]]);
  assert.deepEqual(measured, [[32, 104], [512, 10.25]]);
  // The scaling rules start from the tuned point (B0, lr0).
  const linear = out['lr-rules'].json.rows.filter((r) => r[0] === out['lr-rules'].json.rows[0][0]);
  const b0 = linear.find((r) => Math.abs(r[1] - 256) < 1e-9);
  if (b0) assert.ok(Math.abs(b0[2] - 1e-4) < 1e-15);
  assert.deepEqual(app.problems(), []);
});

test('Simulator: the loss chart and, after a sweep, the sweep and target charts export', async () => {
  const { page } = app;
  await app.open('view=sim&lang=en');
  await page.locator('[data-testid="sim-done"]').waitFor({ state: 'attached', timeout: 60000 });
  const stem = (c) => `batch-lab_sim_${c}_nqm_sgd-momentum-adam_bs16-128-1024_steps800`;
  const loss = await exportAll(page, { canvas: 'chart-sim-loss', suffix: 'sim-loss', stem: stem('loss'), labels: [] });
  const series = new Set(loss.json.rows.map((r) => r[0]));
  assert.equal(series.size, 9, 'one curve per (optimizer, batch size)');
  for (const r of loss.json.rows) if (r[2] !== null && r[3] !== null) assert.ok(r[3] <= r[2] + 1e-12 && r[2] <= r[4] + 1e-12, 'lo ≤ mean ≤ hi');

  await page.locator('[data-testid="run-sweep"]').click();
  await page.locator('[data-testid="chart-sim-sweep"]').waitFor({ timeout: 60000 });
  await page.locator('[data-testid="sim-done"]').waitFor({ state: 'attached', timeout: 60000 });
  const sweep = await exportAll(page, { canvas: 'chart-sim-sweep', suffix: 'sim-sweep', stem: stem('sweep-sgd'), labels: [] });
  const rates = [...new Set(sweep.json.rows.map((r) => r[1]))];
  assert.equal(rates.length, 13, 'the 13-point grid');
  assert.ok(Math.abs(rates[0] - 1e-3) < 1e-12 && Math.abs(rates[12] - 10) < 1e-9);
  for (const c of ['steps', 'examples']) {
    await page.locator(`[data-testid="chart-sim-${c}"]`).waitFor({ timeout: 60000 });
    const t = await exportAll(page, { canvas: `chart-sim-${c}`, suffix: `sim-${c}`, stem: stem(`${c}-to-target`), labels: [] });
    for (const r of t.json.rows) {
      const opt = { SGD: 'sgd', Momentum: 'momentum', Adam: 'adam' }[r[0]];
      if (!opt) continue;
      const want = await num(page, `${c}-to-target-${opt}-${r[1]}`);
      assert.equal(r[2], want, `${c} to target of ${r[0]} at B = ${r[1]} matches the figure`);
    }
  }
  assert.deepEqual(app.problems(), []);
});

test('Memory: the bars export; the peak bar’s total is the peak figure', async () => {
  const { page } = app;
  await app.open('view=memory&lang=en');
  const { json } = await exportAll(page, {
    canvas: 'chart-memory',
    suffix: '',
    stem: 'batch-lab_memory_parts_llama-3-8b_lora_a100-80_mbs4_seq512',
    labels: [],
  });
  assert.equal(json.rows.length, 2, 'two moments');
  const totals = json.rows.map((r) => r[r.length - 1]);
  const peak = await num(page, 'mem-total');
  assert.ok(Math.abs(Math.max(...totals) * 1e9 - peak) <= peak * 1e-12, 'GB × 10⁹ = bytes');
  assert.deepEqual(app.problems(), []);
});

test('Data: the shares export; the current scheme’s column is the mix rates', async () => {
  const { page } = app;
  await app.open('view=data&t=2&lang=en');
  const { csv, json } = await exportAll(page, {
    canvas: 'chart-mix',
    suffix: '',
    stem: 'batch-lab_data_mix_examples_k-none_t2',
    labels: [],
  });
  assert.equal(json.rows.length, 3);
  assert.deepEqual(json.rows.map((r) => r[0]), ['classify', 'extract', 'generate']);
  const current = csv.head.findIndex((h) => h.endsWith('★'));
  assert.ok(current > 0 && /T = 2/.test(csv.head[current]));
  for (let i = 0; i < 3; i++) {
    assert.ok(Math.abs(json.rows[i][current] - Number(await value(page, `mix-rate-${i}`))) < 1e-12);
  }
  assert.deepEqual(app.problems(), []);
});
