// Robustness: links and typing a fuzzer would try, on every view, plus what happens when the
// WebAssembly cannot load and when the test server gets a malformed path.
//
// The fuzzer is bounded and deterministic (a small PRNG with a fixed seed): by default 60 links and
// 40 typed values, the count `.ci/test` runs; by hand, more:
//   FUZZ_URLS=2100 FUZZ_TYPED=300 node --test fuzz.test.mjs      (FUZZ_SEED=<n> for another sequence)
// Each case must show: no page error or panic, no request off the origin, no figure reading NaN,
// Infinity, inf, undefined or exponent debris ("e−" without a mantissa), a notice naming every
// value that was not used as given, a written-back URL that reloads to the same figures with no
// notice, no stale figure without a message saying why, and, after a bad typed value, the last
// good figures kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startApp, VIEWS } from './harness.mjs';

const URLS = Number(process.env.FUZZ_URLS ?? 60);
const TYPED = Number(process.env.FUZZ_TYPED ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const SHELL = ['view', 'lang', 'theme', 'embed', 'hide'];
const HIDE_WORDS = ['controls', 'text', 'nav', 'figures', 'max-step', 'critical', 'estimator', 'scaling', 'cells', 'sweep', 'parts', 'gpus', 'measured', 'experiments'];

let app;
/** key → default text, for every parameter of every view (read from each view's written URL). */
const defaults = new Map();
/** view → its own keys, in URL order. */
const viewKeys = new Map();

before(async () => {
  app = await startApp();
  for (const view of VIEWS) {
    await open(`view=${view}`);
    const keys = [];
    for (const [k, v] of new URLSearchParams(new URL(app.page.url()).search)) {
      if (SHELL.includes(k)) continue;
      keys.push(k);
      if (!defaults.has(k)) defaults.set(k, v);
    }
    viewKeys.set(view, keys);
  }
});
after(async () => {
  await app?.close();
});

/** mulberry32: a small PRNG, so a failing case can be replayed from its seed. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)] };
}

// Values, already URL-encoded where they have to be (`%zz`, `%00` go in raw on purpose).
const BOUNDARY = ['0', '1', '-1', '2', '0.5', '4096', '4097', '1048576', '1048577', '1e6', '1000001', '1e15', '1e18', '1e19', '10000', '100', '0.999', '0.9999', '1e-8', '1e-12'];
const NASTY = ['1e-320', '5e-324', '-1e-320', '1e-400', '1e999', '-1e999', 'NaN', 'nan', 'Infinity', 'inf', '-0', '0x10', '1..2', '1e', '--1', '', '+', '%20', '%09', '%0A', '%00', '%zz', '%', '%E4', '%FF', '1%3B2', '16%3B128', '%7B%7D', '%5B%5D', 'null', 'undefined', 'true', 'false'];
const UNICODE = ['3%E5%8D%83', '1%E4%B8%87', '%E4%BA%BF', '%EF%BC%8C', '%E2%88%921', '%F0%9F%92%A5', '%E2%80%AE1', '1%C2%A0000', '%EF%BC%91'];
const PAYLOADS = ['%3Cscript%3Ealert(1)%3C%2Fscript%3E', '%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', 'javascript%3Aalert(1)', '%27%3E%3Csvg%20onload%3Dalert(1)%3E', '%7B%7B7*7%7D%7D', '%24%7B1%7D'];
const WORDS = ['adam', 'sgd', '%20sgd%20', '%2520sgd%2520', 'custom', 'gpt2', 'llama', 'lora', 'qlora', 'full', 'equal', 'examples', 'flash', 'eager', 'selective', 'cosine', 'cosine_min', 'linear', 'nqm', 'mlp', 'softmax', 'auto', 'steps', 'epochs', 'examples', 'sgd,adam', 'sgd,sgd', 'a%3A10,b%3A5', 'a%3A10%3A512', 'x%3A0', 'h100-80', 'gib', 'pure-bf16', 'pure-bf16x', 'adamw8bit', 'q_proj,v_proj', '150%25', '10k', '7B', '1e3k', '1%2C000'];

function fuzzValue(r) {
  const pool = r.pick([BOUNDARY, NASTY, NASTY, UNICODE, PAYLOADS, WORDS, WORDS]);
  let v = r.pick(pool);
  if (r.int(10) === 0) v = String(r.next() * 10 ** (r.int(40) - 20));
  return v;
}

/** A random link: a view, then a few of its keys (or another view's), repeated keys, bare keys. */
function fuzzUrl(r) {
  const view = r.pick(VIEWS);
  const parts = [`view=${view}`];
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) {
    const own = r.int(5) > 0;
    const keys = own ? viewKeys.get(view) : [...defaults.keys()];
    const kind = r.int(20);
    if (kind === 0) parts.push(r.pick(keys)); // a key without `=`
    else if (kind === 1) parts.push(`${r.pick(SHELL.slice(1))}=${fuzzValue(r)}`);
    else if (kind === 2) {
      const k = r.pick(keys); // a repeated key: the last wins
      parts.push(`${k}=${fuzzValue(r)}`, `${k}=${fuzzValue(r)}`);
    } else parts.push(`${r.pick(keys)}=${fuzzValue(r)}`);
  }
  if (r.int(6) === 0) parts.push(`lang=${r.pick(['en', 'zh'])}`);
  if (r.int(12) === 0) parts.push(`view=${r.pick(VIEWS)}`);
  return parts.join('&');
}

async function open(query) {
  const { page } = app;
  await page.goto(`${app.base}?${query}`);
  await page.waitForSelector('[data-testid="nav"], [data-testid="open-full"]', { state: 'attached', timeout: 15000 });
  // The footer is built last (after the parts below the first screen), then the other views'
  // parameters are checked: give those tasks and the URL effect a moment.
  await page.waitForSelector('.site-foot', { state: 'attached', timeout: 15000 });
  await page.waitForTimeout(60);
}

/** Reads a query string as the app does (URLSearchParams) and the keys that came without `=`. */
function readQuery(search) {
  const values = new Map();
  const bare = [];
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    if (!part.includes('=')) {
      let key = part;
      try {
        key = new URLSearchParams(`${part}=`).keys().next().value;
      } catch {}
      bare.push(key);
      continue;
    }
    const [[k, v]] = new URLSearchParams(part);
    values.set(k, v);
  }
  return { values, bare };
}

/** What the page shows: figures, the notice's entries, stale marks, messages, URL. */
async function snapshot(page) {
  return page.evaluate(() => {
    const visible = (e) => e.offsetParent !== null || e.getClientRects().length > 0;
    const figures = {};
    for (const e of document.querySelectorAll('main [data-value]')) {
      if (e.matches('input, select, textarea, button')) continue;
      const id = e.dataset.testid;
      if (!id || id === 'sim-done' || id.startsWith('sim-status')) continue;
      // The text of a figure proper (an <output>, a table cell), not of a row or a paragraph.
      const leaf = e.children.length === 0 || e.matches('output');
      figures[id] = { value: e.dataset.value, text: leaf ? e.textContent.trim() : '', stale: e.dataset.stale === 'true' };
    }
    const labels = [...document.querySelectorAll('canvas[aria-label], caption')].map((e) => e.getAttribute('aria-label') ?? e.textContent);
    const notice = document.querySelector('[data-testid="notice-bad-params"] code')?.textContent ?? '';
    const staleBadge = [...document.querySelectorAll('.stale-badge')].some((e) => !e.classList.contains('hidden') && visible(e));
    const messages = [...document.querySelectorAll('.error, [data-testid="mix-draw-source"]')]
      .filter((e) => visible(e) && e.textContent.trim() !== '')
      .map((e) => e.textContent.trim());
    return { figures, labels, notice, staleBadge, messages, search: location.search, view: document.querySelector('main [data-testid^="view-"]')?.dataset.testid };
  });
}

const DEBRIS = [/NaN/, /Infinity/, /\binf\b/i, /undefined/, /(^|[^\d.])e[−-]\d/, /\de[−-](?!\d)/, /∞/];

function checkFigures(snap, where) {
  for (const [id, f] of Object.entries(snap.figures)) {
    for (const re of DEBRIS) {
      assert.doesNotMatch(f.text, re, `${where}: ${id} shows "${f.text}"`);
      assert.doesNotMatch(f.value, /NaN|Infinity|inf|undefined/i, `${where}: ${id} has data-value "${f.value}"`);
    }
  }
  for (const l of snap.labels) assert.doesNotMatch(l, /NaN|Infinity|\binf\b|undefined/, `${where}: chart summary "${l}"`);
  const stale = snap.staleBadge || Object.values(snap.figures).some((f) => f.stale);
  if (stale) assert.ok(snap.messages.length > 0, `${where}: figures are stale but no message says why`);
}

/** Whether the notice names `key` (as `key=…` or a bare `key`). */
function named(notice, key) {
  return notice.split(', ').some((e) => e === key || e.startsWith(`${key}=`));
}

/** Every value given for a key the app knows is used as given, or named in the notice. */
function checkNotice(query, snap, where) {
  const given = readQuery(query);
  const now = new URLSearchParams(snap.search);
  const lastOf = (k) => given.values.get(k);
  for (const [k, v] of given.values) {
    if (SHELL.includes(k)) continue;
    if (!defaults.has(k)) continue; // unknown keys are ignored
    const written = now.has(k) ? now.get(k) : defaults.get(k);
    if (written !== v) assert.ok(named(snap.notice, k), `${where}: ${k}=${JSON.stringify(v)} became ${JSON.stringify(written)} with no notice (notice: ${snap.notice})`);
  }
  const must = (k, ok) => {
    if (given.values.has(k) && !ok(lastOf(k))) assert.ok(named(snap.notice, k), `${where}: ${k}=${JSON.stringify(lastOf(k))} not reported`);
  };
  must('view', (v) => VIEWS.includes(v));
  must('lang', (v) => v === 'en' || v === 'zh');
  must('theme', (v) => ['auto', 'light', 'dark'].includes(v));
  must('embed', (v) => v === '' || ['0', '1'].includes(v.trim()));
  must('hide', (v) => v.split(',').map((w) => w.trim()).filter(Boolean).every((w) => HIDE_WORDS.includes(w)));
  for (const k of given.bare) {
    if (defaults.has(k) || SHELL.includes(k)) assert.ok(named(snap.notice, k), `${where}: the key ${k} without a value was not reported`);
  }
}

function figureValues(snap) {
  return Object.fromEntries(Object.entries(snap.figures).map(([k, f]) => [k, f.value]));
}

/** Loads `query`, checks everything, then reloads the URL the page wrote and compares. */
async function checkLink(query) {
  const where = `?${query}`;
  const before = app.problems().length;
  await open(query);
  const snap = await snapshot(app.page);
  checkFigures(snap, where);
  checkNotice(query, snap, where);
  // Round trip: the written-back URL is a fixed point and shows the same figures, with no notice.
  const written = snap.search.replace(/^\?/, '');
  await open(written);
  const again = await snapshot(app.page);
  assert.equal(again.search, snap.search, `${where}: the written URL ?${written} rewrites itself`);
  assert.equal(again.notice, '', `${where}: the written URL ?${written} has a notice: ${again.notice}`);
  if (!snap.view?.includes('sim')) {
    assert.deepEqual(figureValues(again), figureValues(snap), `${where}: ?${written} reloads to other figures`);
  }
  const problems = app.problems().slice(before);
  assert.deepEqual(problems, [], `${where}: page errors or off-origin requests: ${JSON.stringify(problems)}`);
}

// Each of these once misbehaved: a figure printed "inf e−…", a value was replaced by the default
// with no notice, a key without `=` was taken as set, `;` split a list, the page and its URL
// disagreed, figures went stale with no message, or another view's bad value stayed silently.
const REGRESSIONS = [
  'view=lr&eps_max=1e-320',
  'view=lr&step_size=1e-320',
  'view=data&draw=1e-320',
  'view=data&t=5e-324',
  'view=memory&attn=%00',
  'view=memory&prec=pure-bf16x&model=custom',
  'view=memory&opt=%00',
  'view=data&mix=%0A',
  'view=memory&tied=+&model=custom',
  'view=memory&zero=-1e999',
  'view=memory&method=%09',
  'view=data&mix',
  'view=data&t',
  'view=memory&prec',
  'view=memory&gpus',
  'view=memory&zero',
  'view=sim&bs=16%3B128',
  'view=steps&ga=1e-320',
  'view=sim&lr_sophia=%7B%7D',
  'view=memory&hide=1e16',
  'view=lr&beta1=abc&scale_opt=%2520sgd%2520',
  'view=memory&gpus=1e19',
  'view=memory&mbs=1e3k',
  'view=memory&seq=1048577',
  'view=memory&model=custom&n_positions=0.5',
  'view=data&t=150%25&t=true&mbs=225738',
  'view=data&zero=%09',
  'view=lr&adam_eps=3%E5%8D%83&scale_opt=sgd',
];

test('links a fuzzer found: each value is used as given or reported, and figures stay readable', async () => {
  for (const q of REGRESSIONS) await checkLink(q);
  const { page } = app;
  // Specific outcomes.
  await open('view=sim&bs=16%3B128');
  assert.match(await page.locator('[data-testid="notice-bad-params"] code').textContent(), /\bbs=16;128/);
  await open('view=memory&attn=%00');
  assert.match(await page.locator('[data-testid="notice-bad-params"] code').textContent(), /attn=%00/);
  // A micro-batch larger than the data set is a valid Trainer run (one short update per epoch,
  // as transformers ≥ 4.52 counts it), so the Data view has draws and every task's figures.
  await open('view=data&t=150%25&t=true&mbs=225738');
  assert.match(await page.locator('[data-testid="notice-bad-params"] code').textContent(), /\bt=/);
  assert.ok(Number(await page.locator('[data-testid="mix-draws"]').getAttribute('data-value')) > 0, 'draws from the Steps run');
  assert.notEqual(await page.locator('[data-testid="mix-examples-0"]').getAttribute('data-value'), '', 'per-task examples shown');
  await open('view=memory&model=custom&family=gpt2&n_positions=1024');
  await page.fill('[data-testid="input-n_positions"]', '0.5');
  await page.selectOption('[data-testid="input-family"]', 'llama');
  assert.ok(await page.locator('[data-testid="error-n_positions"]').isVisible(), 'an error on a hidden field shows its field');
});

test(`fuzz: ${URLS} links over the five views (seed ${SEED})`, async () => {
  const r = prng(SEED);
  // Every failing link is listed (at most 20), not only the first.
  const failures = [];
  for (let i = 0; i < URLS && failures.length < 20; i++) {
    const q = fuzzUrl(r);
    try {
      await checkLink(q);
    } catch (e) {
      failures.push(`link #${i}: ${e.message.split('\n')[0]}`);
    }
  }
  assert.deepEqual(failures, [], `seed ${SEED}`);
});

test(`fuzz: ${TYPED} values typed into fields; the last good figures stay`, async () => {
  const r = prng(SEED ^ 0x5bd1e995);
  const { page } = app;
  let view = null;
  for (let i = 0; i < TYPED; i++) {
    const next = VIEWS[Math.floor(i / Math.max(1, Math.ceil(TYPED / VIEWS.length))) % VIEWS.length];
    if (next !== view || r.int(8) === 0) {
      view = next;
      await open(`view=${view}`);
    }
    const fields = await page.$$eval('main input[data-testid^="input-"]:not([type=checkbox])', (es) =>
      es.filter((e) => e.checkVisibility() && e.getBoundingClientRect().width > 0 && !e.disabled && !e.readOnly).map((e) => e.dataset.testid),
    );
    if (fields.length === 0) continue;
    const id = r.pick(fields);
    const field = page.locator(`[data-testid="${id}"]`);
    const original = await field.inputValue();
    const good = await snapshot(page);
    const wasStale = good.staleBadge || Object.values(good.figures).some((f) => f.stale);
    let typed = decodeURIComponentSafe(fuzzValue(r));
    const where = `typing ${JSON.stringify(typed)} into ${id} on ${view} (#${i}, seed ${SEED})`;
    const before = app.problems().length;
    if (!(await field.isVisible())) continue;
    await field.fill(typed, { timeout: 5000 });
    await page.waitForTimeout(80);
    const after = await snapshot(page);
    checkFigures(after, where);
    if (!wasStale && view !== 'sim') {
      for (const [k, f] of Object.entries(after.figures)) {
        if (f.stale && k in good.figures) assert.equal(f.value, good.figures[k].value, `${where}: ${k} lost its last good value`);
      }
    }
    // Typing the original back brings the original figures back.
    await field.fill(original, { timeout: 5000 });
    await page.waitForTimeout(80);
    const back = await snapshot(page);
    if (view !== 'sim') assert.deepEqual(figureValues(back), figureValues(good), `${where}: typing ${JSON.stringify(original)} back`);
    assert.deepEqual(app.problems().slice(before), [], `${where}: page errors`);
  }
});

function decodeURIComponentSafe(v) {
  try {
    return decodeURIComponent(v.replaceAll('+', ' '));
  } catch {
    return v;
  }
}

test('the WebAssembly does not load: a message in the URL\'s language and a retry link', async () => {
  for (const [lang, text, retry] of [
    ['en', /could not start/, 'Reload'],
    ['zh', /未能启动/, '重新加载'],
  ]) {
    for (const failure of ['abort', '404', 'garbage']) {
      const page = await app.ctx.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.route(/\.wasm$/, (route) =>
        failure === 'abort'
          ? route.abort()
          : failure === '404'
            ? route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' })
            : route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm at all') }),
      );
      await page.goto(`${app.base}?view=memory&lang=${lang}`);
      const box = page.locator('[data-testid="boot-error"]');
      await box.waitFor({ timeout: 10000 });
      assert.match(await box.textContent(), text, `${lang} ${failure}`);
      const link = page.locator('[data-testid="boot-retry"]');
      assert.equal(await link.textContent(), retry);
      assert.ok(await link.isVisible());
      assert.deepEqual(errors, [], `${lang} ${failure}: no uncaught error`);
      // The link loads the page again; with the module back, the app starts.
      await page.unroute(/\.wasm$/);
      await link.click();
      await page.waitForSelector('[data-testid="view-memory"]', { timeout: 15000 });
      assert.equal(await page.locator('[data-testid="boot-error"]').count(), 0);
      await page.close();
    }
  }
});

test('the test server answers a malformed path with 400 and keeps serving', async () => {
  const get = (path) =>
    new Promise((resolve, reject) => {
      http.get(`${app.origin}${path}`, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      }).on('error', reject);
    });
  assert.equal(await get('/course/lab/%zz'), 400);
  assert.equal(await get('/course/lab/%E4%B8'), 400);
  assert.equal(await get('/%'), 400);
  assert.equal(await get('/course/lab/'), 200);
});
