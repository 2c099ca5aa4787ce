// End-to-end tests of the Memory view against the built dist/.
// Reference values: parameter and PEFT LoRA counts from transformers 5.24.0 / peft 0.21.2
// (`python tests/reference/peft_lora_counts.py`); 16 B/param and the ZeRO stages (Rajbhandari et
// al. 2020, §3.1 and §5) and logits (`python tests/reference/memory_arithmetic.py`); QLoRA weights
// (Dettmers et al. 2023, §3; `python tests/reference/bnb_bytes.py`); published measurements in
// core::memory::measured.
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

const PSI = 6738415616; // Llama-2-7B parameters (tests/reference/peft_lora_counts.py)

test('exact parameter counts through the URL (transformers and peft counts)', async () => {
  const { page } = app;
  await app.open('view=memory&lang=en&model=llama-2-7b&method=lora&r=8&targets=');
  assert.equal(await value(page, 'params-total'), String(PSI));
  assert.equal(await value(page, 'params-trainable'), '4194304'); // PEFT printout, r=8 q_proj,v_proj
  assert.equal(await value(page, 'params-all'), '6742609920');
  await app.open('view=memory&model=llama-2-7b&method=lora&r=16&targets=q,v');
  assert.equal(await value(page, 'params-trainable'), '8388608'); // peft, r=16
  assert.equal(await value(page, 'params-all'), '6746804224');
  await app.open('view=memory&model=gpt2&method=lora&r=8&targets=');
  assert.equal(await value(page, 'params-total'), '124439808'); // incl. 1024×768 positions
  assert.equal(await value(page, 'params-trainable'), '294912'); // peft, c_attn
  assert.equal(await value(page, 'params-all'), '124734720');
  // A custom GPT-2 shape (kv_heads left at its Llama default is ignored: GPT-2 has no GQA).
  await app.open('view=memory&model=custom&family=gpt2&hidden=768&layers=12&heads=12&ffn=3072&vocab=50257&tied=1&n_positions=1024');
  assert.equal(await value(page, 'params-total'), '124439808');
  assert.equal(await page.locator('[data-testid="notice-bad-params"]').count(), 0);
  // Computed totals checked against published figures (core model tests): Llama-3-8B 8.03B,
  // Mistral-7B 7.24B, Qwen2.5-7B 7.616B.
  for (const [model, total] of [['llama-3-8b', '8030261248'], ['mistral-7b', '7241732096'], ['qwen2.5-7b', '7615616512']]) {
    await app.open(`view=memory&model=${model}&method=full`);
    assert.equal(await value(page, 'params-total'), total, model);
    assert.equal(await value(page, 'params-trainable'), total, model);
  }
  assert.deepEqual(app.problems(), []);
});

test('16 bytes per parameter and the ZeRO stages', async () => {
  const { page } = app;
  // Gradient accumulation 2 keeps the gradients alive at the start of backward.
  const states = async () =>
    (await num(page, 'mem-weights')) + (await num(page, 'mem-grads')) + (await num(page, 'mem-optimizer'));
  await app.open('view=memory&model=llama-2-7b&method=full&prec=bf16-master&opt=adamw&ga=2&gpus=1&zero=0');
  assert.equal(await value(page, 'mem-weights'), String(2 * PSI));
  assert.equal(await value(page, 'mem-grads'), String(2 * PSI));
  assert.equal(await value(page, 'mem-optimizer'), String(12 * PSI));
  assert.equal(await states(), 107814649856); // 16Ψ: 107.81 GB
  await app.open('view=memory&model=llama-2-7b&method=full&ga=2&gpus=8&zero=2');
  assert.equal(await states(), 25269058560); // ZeRO-2, N_d = 8 → 25.27 GB
  await app.open('view=memory&model=llama-2-7b&method=full&ga=2&gpus=8&zero=3');
  assert.equal(await states(), 13476831232); // ZeRO-3 → 13.48 GB
  // With accumulation 1 the gradients are not alive at the start of backward.
  await app.open('view=memory&model=llama-2-7b&method=full&ga=1&gpus=1&zero=0&seq=2048');
  assert.equal(await value(page, 'mem-grads'), '0');
  assert.equal(await page.locator('[data-testid="mem-phase"]').getAttribute('data-value'), 'backward');
  const parts = ['weights', 'grads', 'optimizer', 'activations', 'logits', 'overhead'];
  let sum = 0;
  for (const p of parts) sum += await num(page, `mem-${p}`);
  assert.equal(sum, await num(page, 'mem-total'), 'the parts add up to the peak');
  assert.deepEqual(app.problems(), []);
});

test('logits, QLoRA weights, and the unit switch', async () => {
  const { page } = app;
  await app.open('view=memory&model=llama-3-8b&method=lora&mbs=1&seq=2048&prec=bf16-master');
  // 262,668,288 logits; bf16 logits + fp32 upcast + log-softmax + fp32 gradient = 14 B each.
  assert.equal(await value(page, 'mem-logits'), String(14 * 262668288));
  await app.open('view=memory&model=llama-2-7b&method=qlora&r=8&targets=&dq=1');
  // ≈ 3.87 GB of NF4 weights (with DQ) plus the bf16 embeddings and head; adapters fp32.
  const base = (await num(page, 'mem-weights')) - 4 * 4194304;
  assert.ok(Math.abs(base / 1e9 - 3.87) < 0.005, `QLoRA base ${base}`);
  const shownGb = await page.locator('[data-testid="mem-weights"]').innerText();
  await page.locator('[data-testid="input-unit"]').selectOption('gib');
  const shownGib = await changed(() => page.locator('[data-testid="mem-weights"]').innerText(), shownGb);
  assert.notEqual(shownGib, shownGb);
  assert.equal(await num(page, 'mem-weights') - 4 * 4194304, base, 'data-value stays in bytes');
  assert.ok(await until(() => page.evaluate(() => location.search.includes('unit=gib'))));
  assert.deepEqual(app.problems(), []);
});

test('cards: fits / does not fit and the largest micro-batch', async () => {
  const { page } = app;
  await app.open('view=memory&model=llama-3-8b&method=lora&mbs=1&seq=2048&gpu=rtx4090');
  assert.equal(await value(page, 'max-mbs'), '0');
  assert.equal(await value(page, 'gpu-fit-rtx4090'), '0');
  assert.equal(await value(page, 'gpu-fit-h200'), '1');
  const total = await num(page, 'mem-total');
  assert.ok(total > 24 * 2 ** 30 && total <= 80 * 2 ** 30);
  await page.locator('[data-testid="input-method"]').selectOption('qlora');
  assert.equal(await changed(() => value(page, 'gpu-fit-rtx4090'), '0'), '1', 'QLoRA fits a 24 GB card');
  assert.ok((await num(page, 'max-mbs')) >= 1);
  // More memory never allows a smaller batch.
  await app.open('view=memory&model=llama-3-8b&method=lora&mbs=1&seq=2048&gpu=a100-80');
  const a100 = await num(page, 'max-mbs');
  await app.open('view=memory&model=llama-3-8b&method=lora&mbs=1&seq=2048&gpu=h200');
  assert.ok((await num(page, 'max-mbs')) >= a100);
  assert.deepEqual(app.problems(), []);
});

test('editing inputs changes figures and chart; the URL restores the state', async () => {
  const { page } = app;
  await app.open('view=memory&model=llama-2-7b&method=lora&r=8&targets=');
  const before = await canvasPixels(page, 'chart-memory');
  await page.locator('[data-testid="input-target-k"]').check();
  // q, k, v at r = 8 on Llama-2-7B: 3 × 32 × 8 × (4096 + 4096).
  assert.equal(await changed(() => value(page, 'params-trainable'), '4194304'), '6291456');
  await setInput(page, 'seq', '4096');
  assert.notEqual(await changed(() => canvasPixels(page, 'chart-memory'), before), before, 'chart redrawn');
  assert.ok(await until(() => page.evaluate(() => location.search.includes('seq=4096') && location.search.includes('targets=q%2Ck%2Cv'))));
  const total = await value(page, 'mem-total');
  await page.reload();
  await page.waitForSelector('[data-testid="nav"]');
  assert.equal(await value(page, 'mem-total'), total);
  assert.equal(await value(page, 'params-trainable'), '6291456');
  // Switching to a GPT-2 model resets targets named for Llama to PEFT's GPT-2 default.
  await page.locator('[data-testid="input-model"]').selectOption('gpt2');
  assert.equal(await changed(() => value(page, 'params-trainable'), '6291456'), '294912');
  assert.deepEqual(app.problems(), []);
});

const QWEN7 = JSON.stringify({
  architectures: ['Qwen2ForCausalLM'], hidden_size: 3584, intermediate_size: 18944, model_type: 'qwen2',
  num_attention_heads: 28, num_hidden_layers: 28, num_key_value_heads: 4, tie_word_embeddings: false,
  vocab_size: 152064, torch_dtype: 'bfloat16',
});

test('a pasted config.json fills the custom fields; bad ones leave a message and the last estimate', async () => {
  const { page } = app;
  await app.open('view=memory&model=llama-2-7b&method=full');
  await page.locator('.mem-config summary').click();
  await page.locator('[data-testid="input-config"]').fill(QWEN7);
  assert.equal(await changed(() => value(page, 'params-total'), String(PSI)), '7615616512');
  assert.match(await page.locator('[data-testid="config-status"]').innerText(), /qwen2/);
  assert.ok(await until(() => page.evaluate(() => location.search.includes('model=custom') && location.search.includes('hidden=3584'))));
  await page.reload();
  await page.waitForSelector('[data-testid="nav"]');
  assert.equal(await value(page, 'params-total'), '7615616512', 'the link restores the pasted model');
  // Malformed JSON and an unknown family: a message at the field; the estimate stays.
  await page.locator('.mem-config summary').click();
  for (const [bad, pattern] of [['{"hidden_size": 40', /read/i], ['{"model_type":"t5","d_model":512}', /t5/]]) {
    await page.locator('[data-testid="input-config"]').fill(bad);
    const msg = await until(() => page.locator('[data-testid="error-config"]').textContent().catch(() => ''));
    assert.match(msg, pattern);
    assert.equal(await value(page, 'params-total'), '7615616512');
  }
  // Upload a file.
  await page.locator('[data-testid="input-config-file"]').setInputFiles({
    name: 'config.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ model_type: 'gpt2', n_embd: 768, n_layer: 12, n_head: 12, n_positions: 1024, vocab_size: 50257 })),
  });
  assert.equal(await changed(() => value(page, 'params-total'), '7615616512'), '124439808');
  assert.deepEqual(app.problems(), []);
});

test('bad shapes show a message at the field and keep the last estimate, marked stale', async () => {
  const { page } = app;
  await app.open('view=memory&model=custom&family=llama&hidden=4096&layers=32&heads=32&kv_heads=32&ffn=11008&vocab=32000&tied=0&method=lora&r=8');
  assert.equal(await value(page, 'params-total'), String(PSI), 'custom Llama-2-7B shape');
  const total = await value(page, 'mem-total');
  for (const [key, bad, again] of [['layers', '0', '32'], ['heads', '30', '32'], ['kv_heads', '5', '32'], ['r', '5000', '8'], ['mbs', 'abc', '1']]) {
    await setInput(page, key, bad);
    const msg = await until(() => page.locator(`[data-testid="error-${key}"]`).textContent());
    assert.ok(msg && msg.trim().length > 5, `message for ${key}=${bad}`);
    assert.equal(await value(page, 'mem-total'), total, 'last good result kept');
    assert.equal(await page.locator('[data-testid="mem-total"]').getAttribute('data-stale'), 'true');
    await setInput(page, key, again);
    assert.equal(await changed(() => page.locator('[data-testid="mem-total"]').getAttribute('data-stale'), 'true'), 'false');
  }
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /NaN|Infinity|undefined/);
  assert.deepEqual(app.problems(), []);
});

test('the measured table: at least five published peaks, each within ±15 %', async () => {
  const { page } = app;
  await app.open('view=memory');
  const rows = page.locator('[data-testid="measured-table"] tbody tr');
  assert.ok((await rows.count()) >= 5);
  for (let i = 0; i < (await rows.count()); i++) {
    const err = Number(await value(page, `measured-${i}`));
    assert.ok(Number.isFinite(err) && Math.abs(err) <= 15, `row ${i}: ${err} %`);
  }
  assert.deepEqual(app.problems(), []);
});

test('Chinese: the view is in Chinese and the figures are unchanged', async () => {
  const { page } = app;
  await app.open('view=memory&lang=zh&model=llama-2-7b');
  assert.match(await page.locator('[data-testid="view-memory"] h2').first().innerText(), /显存/);
  assert.equal(await value(page, 'params-total'), String(PSI));
  assert.match(await page.locator('[data-testid="view-memory"]').innerText(), /峰值/);
  assert.deepEqual(app.problems(), []);
});

test('read-out on the bar chart: the bar under the pointer, its parts and their total', async () => {
  const { page } = app;
  await app.open('view=memory&lang=en');
  const lines = await hoverReadout(page, 'chart-memory', 0.25, 0.7);
  assert.ok(lines, 'a read-out appears');
  assert.match(lines[0][0], /^moment/);
  const parts = lines.slice(1, -1).map(([, v]) => v);
  const [totalName, total] = lines.at(-1);
  assert.match(totalName, /^total/);
  const sum = parts.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum / total - 1) < 2e-3, `${parts.join(' + ')} = ${sum} vs ${total}`);
  assert.deepEqual(app.problems(), []);
});
