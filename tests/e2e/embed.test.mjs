// End-to-end tests of embedding and sharing: `embed=1`, `hide=`, the `open-full` link, the
// Share panel, the Content-Security-Policy, hostile URL values, and the app framed by a plain page
// served from another origin (screenshots of that page at 375 and 800 px in $EMBED_SHOTS or
// /tmp/embed-shots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { startApp, until, VIEWS } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app.close();
});

// What each hide word hides (a selector whose every match must be hidden), per view where it applies.
const GENERIC = {
  controls: 'form.controls',
  text: '.lead, section.notes',
  nav: '[data-testid="nav"]',
  figures: '.results .figures',
};
const EXTRAS = {
  steps: {},
  lr: {
    'max-step': '[data-testid="lr-max-step"]',
    critical: '[data-testid="lr-critical"]',
    estimator: '[data-testid="lr-estimator"]',
    scaling: '[data-testid="lr-scaling"]',
  },
  sim: { cells: '.sim-cells', sweep: '[data-testid="sweep-panel"]' },
  memory: {
    parts: '.mem-block:has([data-testid="mem-parts"])',
    gpus: '.mem-block:has([data-testid^="gpu-fit-"])',
    measured: '.mem-measured',
  },
  data: { experiments: '.experiments' },
  compute: {},
};

/** Opens a URL and waits for the view (the harness's `open` waits for the nav, which may be hidden). */
async function openView(page, query, view) {
  await page.goto(`${app.base}?${query}`);
  await page.locator(`[data-testid="view-${view}"]`).waitFor({ state: 'attached', timeout: 15000 });
}

/** How many elements match `sel`, and how many of them are visible. */
async function shown(page, sel) {
  return page.evaluate((sel) => {
    const els = [...document.querySelectorAll(sel)];
    const visible = els.filter((e) => e.checkVisibility());
    return { all: els.length, visible: visible.length };
  }, sel);
}

/** The query of a URL as sorted key=value strings, without `embed` and `hide`. */
function fullState(url) {
  const q = new URL(url).searchParams;
  return [...q.entries()].filter(([k]) => k !== 'embed' && k !== 'hide').map(([k, v]) => `${k}=${v}`).sort();
}

test('embed=1 shows the view without site chrome, with a link to the full app in the same state', async () => {
  const { page } = app;
  for (const view of VIEWS) {
    await openView(page, `view=${view}&lang=zh&embed=1`, view);
    for (const sel of ['.brand', '.switches', '.site-foot', '[data-testid="share"]', '[data-testid="lang-en"]']) {
      assert.equal((await shown(page, sel)).visible, 0, `${view}: ${sel} should be hidden`);
    }
    // Without hide=, the parts are there: the per-flag checks below can fail.
    for (const sel of [...Object.values(GENERIC), ...Object.values(EXTRAS[view])]) {
      const s = await shown(page, sel);
      assert.ok(s.all === 0 || s.visible > 0, `${view}: ${sel} should be visible without hide=`);
    }
    const link = page.locator('[data-testid="open-full"]');
    assert.ok(await link.isVisible());
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.match(await link.getAttribute('rel'), /\bnoopener\b/);
    const href = new URL(await link.getAttribute('href'), page.url()).href;
    assert.ok(href.startsWith(app.base + '?'), href);
    const q = new URL(href).searchParams;
    assert.equal(q.get('embed'), null);
    assert.equal(q.get('hide'), null);
    assert.deepEqual(fullState(href), fullState(page.url()));
    assert.equal(q.get('view'), view);
    assert.equal(q.get('lang'), 'zh');
    // The URL keeps embed (replaceState).
    assert.equal(new URL(page.url()).searchParams.get('embed'), '1');
    // No link may target the parent or top page.
    assert.equal(await page.locator('a[target="_top"], a[target="_parent"], base').count(), 0);
  }
  assert.deepEqual(app.problems(), []);
});

test('every view works embedded with each hide flag', async () => {
  const { page } = app;
  for (const view of VIEWS) {
    const flags = { ...GENERIC, ...EXTRAS[view] };
    for (const [flag, sel] of Object.entries(flags)) {
      await openView(page, `view=${view}&lang=en&embed=1&hide=${flag}`, view);
      const s = await shown(page, sel);
      assert.equal(s.visible, 0, `${view} hide=${flag}: ${sel} still visible`);
      // Everything not flagged stays.
      for (const [other, osel] of Object.entries(flags)) {
        if (other === flag || (flag === 'controls' && other === 'nav')) continue;
        const o = await shown(page, osel);
        if (flag === 'text' && other === 'figures') continue;
        assert.ok(o.all === 0 || o.visible > 0, `${view} hide=${flag}: ${osel} (${other}) should stay`);
      }
      assert.equal(new URL(page.url()).searchParams.get('hide'), flag, 'hide= survives replaceState');
      assert.ok(await page.locator('[data-testid="open-full"]').isVisible());
      assert.equal(await page.locator('[data-testid="notice-bad-params"]').count(), 0);
    }
    // All at once: just the charts and what matters.
    await openView(page, `view=${view}&embed=1&hide=${Object.keys(flags).join(',')}`, view);
    assert.ok((await shown(page, 'canvas')).visible > 0 || view === 'lr', `${view}: a chart is left`);
  }
  assert.deepEqual(app.problems(), []);
});

test('hide=text leaves out the α paragraph of the Data view and keeps its figure and presets', async () => {
  const { page } = app;
  await openView(page, 'view=data&lang=en&embed=1', 'data');
  await page.locator('[data-testid="mix-alpha-body"]').waitFor({ state: 'visible', timeout: 10000 });
  for (const lang of ['en', 'zh']) {
    await openView(page, `view=data&lang=${lang}&embed=1&hide=text`, 'data');
    await page.locator('[data-testid="mix-alpha"]').waitFor({ state: 'visible', timeout: 10000 });
    await page.locator('[data-testid="mix-alpha-body"]').waitFor({ state: 'attached' });
    assert.equal((await shown(page, '[data-testid="mix-alpha-body"]')).visible, 0, `${lang}: α paragraph still visible`);
    assert.ok(await page.locator('[data-testid="mix-alpha-preset-0"]').isVisible(), `${lang}: presets stay`);
  }
  assert.deepEqual(app.problems(), []);
});

test('hide= outside an embed hides the same parts and keeps the header; bad values are reported', async () => {
  const { page } = app;
  await openView(page, 'view=steps&hide=nav,text', 'steps');
  assert.equal((await shown(page, '[data-testid="nav"]')).visible, 0);
  assert.ok(await page.locator('.brand').isVisible());
  assert.ok(await page.locator('[data-testid="share"]').isVisible());
  assert.equal(await page.locator('[data-testid="open-full"]').count(), 0);
  await openView(page, 'view=lr&embed=yes&hide=bogus,controls', 'lr');
  const notice = await page.locator('[data-testid="notice-bad-params"] code').textContent();
  assert.match(notice, /embed/);
  assert.match(notice, /hide/);
  // The known word still applies; the unknown one is dropped from the URL.
  assert.equal(new URL(page.url()).searchParams.get('hide'), 'controls');
  assert.equal(new URL(page.url()).searchParams.get('embed'), null);
  assert.deepEqual(app.problems(), []);
});

test('the page has a strict CSP, no inline script, and no violation on any view', async () => {
  const { page } = app;
  for (const view of VIEWS) {
    await openView(page, `view=${view}`, view);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.doesNotMatch(csp, /'unsafe-eval'/);
    assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
    assert.match(csp, /base-uri 'none'/);
    assert.equal(await page.locator('script:not([src])').count(), 0);
  }
  // The harness turns every `securitypolicyviolation` into a console error.
  assert.deepEqual(app.problems(), []);
});

const PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>"];

test('HTML and script in any parameter render as text: no element, no dialog, no error', async () => {
  const { page } = app;
  const keys = {
    steps: ['n', 'lr', 'sched'],
    lr: ['lam_max', 'b_noise', 'scale_opt'],
    sim: ['opts', 'bs', 'sim_lr', 'task'],
    memory: ['model', 'r', 'targets', 'gpu'],
    data: ['tasks', 'k', 'mix'],
    compute: ['tflops', 'mfu', 'price', 'flops'],
  };
  for (const view of VIEWS) {
    for (const p of PAYLOADS) {
      const e = encodeURIComponent(p);
      const q = [`view=${view}`, ...keys[view].map((k) => `${k}=${e}`), `embed=${e}`, `hide=${e}`, `theme=${e}`].join('&');
      await openView(page, q, view);
      await page.waitForTimeout(100);
      const injected = await page.evaluate(() => ({
        img: document.querySelectorAll('img').length,
        svgOnload: document.querySelectorAll('svg[onload]').length,
        scripts: [...document.scripts].filter((s) => !s.src).length,
        onerror: document.querySelectorAll('[onerror]').length,
      }));
      assert.deepEqual(injected, { img: 0, svgOnload: 0, scripts: 0, onerror: 0 }, `${view} ${p}`);
      // The notice names the parameters that were reset.
      const notice = await page.locator('[data-testid="notice-bad-params"] code').textContent();
      assert.match(notice, /embed/);
      assert.match(notice, /hide/);
    }
  }
  // A payload that is a valid value somewhere (a task name) shows as typed text.
  await openView(page, `view=data&tasks=${encodeURIComponent('<b>x</b>:100,"><img src=x>:50')}`, 'data');
  assert.equal(await page.inputValue('[data-testid="mix-name-0"]'), '<b>x</b>');
  assert.equal(await page.inputValue('[data-testid="mix-name-1"]'), '"><img src=x>');
  assert.equal(await page.locator('b, img').count(), 0);
  // ... and in the Share panel's snippet, escaped so that it is still one iframe with that URL.
  await page.click('[data-testid="share"]');
  const snippet = await page.inputValue('[data-testid="share-iframe"]');
  const parsed = await page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const frames = doc.querySelectorAll('iframe');
    return { frames: frames.length, all: doc.body.querySelectorAll('*').length, src: frames[0]?.getAttribute('src') };
  }, snippet);
  assert.equal(parsed.frames, 1);
  assert.equal(parsed.all, 1);
  assert.equal(new URL(parsed.src).searchParams.get('tasks'), '<b>x</b>:100,"><img src=x>:50');
  assert.deepEqual(app.problems(), []);
});

test('the Share panel: link, iframe snippet with hide flags, preview loaded only when opened, copy', async () => {
  const { page, ctx } = app;
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await openView(page, 'view=memory&lang=en&model=qwen2.5-7b&mbs=2', 'memory');
  await page.locator('[data-testid="share"]').focus();
  await page.keyboard.press('Enter'); // keyboard opens the disclosure
  const link = await page.inputValue('[data-testid="share-link"]');
  assert.deepEqual(fullState(link), fullState(page.url()));
  assert.ok(link.startsWith(app.base + '?'));
  assert.equal(new URL(link).searchParams.get('model'), 'qwen2.5-7b');
  let snippet = await page.inputValue('[data-testid="share-iframe"]');
  assert.match(snippet, /^<iframe src="[^"]+" title="Batch Lab: Memory" width="100%" height="\d+"/);
  const srcOf = (s) => new URL(s.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
  assert.equal(srcOf(snippet).searchParams.get('embed'), '1');
  assert.equal(srcOf(snippet).searchParams.get('hide'), null);
  assert.doesNotMatch(snippet, /allow-top-navigation/);
  // Checkboxes: the generic flags and this view's extras; they update the snippet.
  for (const w of ['controls', 'text', 'nav', 'figures', 'parts', 'gpus', 'measured']) {
    assert.equal(await page.locator(`[data-testid="share-hide-${w}"]`).count(), 1, w);
  }
  assert.equal(await page.locator('[data-testid="share-hide-sweep"]').count(), 0);
  const h0 = Number(snippet.match(/height="(\d+)"/)[1]);
  await page.check('[data-testid="share-hide-controls"]');
  await page.check('[data-testid="share-hide-measured"]');
  snippet = await page.inputValue('[data-testid="share-iframe"]');
  assert.equal(srcOf(snippet).searchParams.get('hide'), 'controls,measured');
  assert.ok(Number(snippet.match(/height="(\d+)"/)[1]) < h0);
  // The preview is not loaded until opened; then it shows the embed.
  assert.equal(await page.locator('[data-testid="share-preview-frame"]').count(), 0);
  await page.click('[data-testid="share-preview"] summary');
  const frameEl = page.locator('[data-testid="share-preview-frame"]');
  await frameEl.waitFor();
  assert.equal(await frameEl.getAttribute('src'), srcOf(snippet).href);
  const frame = page.frameLocator('[data-testid="share-preview-frame"]');
  await frame.locator('[data-testid="view-memory"]').waitFor({ timeout: 15000 });
  assert.equal(await frame.locator('form.controls').isVisible(), false);
  assert.ok(await frame.locator('[data-testid="open-full"]').isVisible());
  // Copy with the clipboard available: the clipboard holds the text.
  await page.click('[data-testid="share-link-copy"]');
  await until(async () => (await page.getAttribute('[data-testid="share-status"]', 'data-value')) !== '');
  assert.equal(await page.getAttribute('[data-testid="share-status"]', 'data-value'), 'copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  await page.click('[data-testid="share-iframe-copy"]');
  assert.equal(await until(() => page.evaluate(() => navigator.clipboard.readText()).then((t) => t.startsWith('<iframe') && t)), snippet);
  assert.deepEqual(app.problems(), []);
});

test('without the clipboard API, Copy selects the text instead, with no error', async () => {
  const { page } = app;
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
  });
  await openView(page, 'view=steps&lang=zh', 'steps');
  await page.click('[data-testid="share"]');
  await page.click('[data-testid="share-iframe-copy"]');
  await until(async () => (await page.getAttribute('[data-testid="share-status"]', 'data-value')) === 'manual');
  const sel = await page.evaluate(() => {
    const el = document.activeElement;
    return { id: el.id, whole: el.selectionStart === 0 && el.selectionEnd === el.value.length && el.value.length > 0 };
  });
  assert.deepEqual(sel, { id: 'share-iframe', whole: true });
  assert.ok((await page.textContent('[data-testid="share-status"]')).length > 0);
  assert.deepEqual(app.problems(), []);
});

test('the snippet height fits the embedded view at 800 px', async () => {
  const ctx = app.ctx;
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.setViewportSize({ width: 1000, height: 800 });
  const frame = await ctx.newPage();
  await frame.setViewportSize({ width: 800, height: 200 });
  const cases = [
    ['steps', []],
    ['steps', ['controls', 'text']],
    ['lr', ['text']],
    ['lr', ['controls', 'text', 'critical', 'estimator', 'scaling']],
    ['sim', ['controls']],
    ['memory', ['controls', 'text', 'measured']],
    ['data', ['text']],
    ['data', ['controls', 'text', 'figures']],
    ['data', ['text', 'experiments']],
    ['compute', []],
    ['compute', ['text']],
    ['compute', ['text', 'figures']],
    ['compute', ['controls', 'text', 'figures']],
  ];
  for (const [view, flags] of cases) {
    await page.goto(`${app.base}?view=${view}&lang=en`);
    await page.click('[data-testid="share"]');
    for (const f of flags) await page.check(`[data-testid="share-hide-${f}"]`);
    const snippet = await page.inputValue('[data-testid="share-iframe"]');
    const height = Number(snippet.match(/height="(\d+)"/)[1]);
    const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    await frame.goto(src);
    await frame.locator(`[data-testid="view-${view}"]`).waitFor({ state: 'attached' });
    if (view === 'sim') await frame.locator('[data-testid="sim-done"]').waitFor({ state: 'attached', timeout: 20000 });
    const used = await frame.evaluate(() => Math.ceil(document.querySelector('main').getBoundingClientRect().bottom + scrollY));
    assert.ok(height >= used, `${view} ${flags}: ${height} < ${used}`);
    assert.ok(height <= used * 1.5 + 150, `${view} ${flags}: ${height} far above ${used}`);
  }
  await page.close();
  await frame.close();
  assert.deepEqual(errors, []);
});

test('a plain page on another origin embeds the app without errors or foreign requests (screenshots)', async () => {
  const appOrigin = app.origin;
  const frames = [
    ['steps', 'view=steps&lang=en&n=50000&mbs=8&ga=4&embed=1&hide=text'],
    ['lr', 'view=lr&lang=zh&embed=1&hide=controls,text,critical,estimator,scaling'],
    ['memory', 'view=memory&lang=en&embed=1&hide=controls,text,nav,parts,gpus,measured'],
  ];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Course page</title><style>body{font:16px/1.5 Georgia,serif;margin:0 auto;max-width:820px;padding:10px}iframe{display:block;margin:8px 0 24px}</style></head>
<body><h1>Week 3: batch size and steps</h1><p>Read the figures below, then change the micro-batch.</p>
${frames.map(([v, q]) => `<iframe id="f-${v}" src="${appOrigin}/course/lab/?${q}" title="Batch Lab: ${v}" width="100%" height="700" style="max-width:800px;border:0" sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>`).join('\n')}
<p id="after">End of page.</p></body></html>`;
  const host = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  // "localhost" is another origin than the app's 127.0.0.1.
  const hostUrl = `http://localhost:${host.address().port}/week3.html`;
  const page = await app.ctx.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  const foreign = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(appOrigin + '/') && !u.startsWith(`http://localhost:${host.address().port}/`)) foreign.push(u);
  });
  const t0 = Date.now();
  const T = (what) => process.env.EMBED_DEBUG && console.log(what, Date.now() - t0);
  const out = process.env.EMBED_SHOTS ?? '/tmp/embed-shots';
  fs.mkdirSync(out, { recursive: true });
  try {
    for (const width of [375, 800]) {
      // Tall enough for the whole page: Chromium does not paint frames outside the viewport.
      await page.setViewportSize({ width, height: 2600 });
      T('goto ' + width);
      await page.goto(hostUrl);
      for (const [v] of frames) {
        const f = page.frameLocator(`#f-${v}`);
        await f.locator(`[data-testid="view-${v}"]`).waitFor({ timeout: 15000 });
        assert.equal(await f.locator('.brand').isVisible(), false);
        assert.ok(await f.locator('[data-testid="open-full"]').isVisible());
      }
      T('frames ' + width);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(out, `host-page-${width}.png`), fullPage: true });
      // Each embed alone, as a reader sees it.
      for (const [v] of frames) {
        await page.locator(`#f-${v}`).screenshot({ path: path.join(out, `embed-${v}-${width}.png`) });
      }
    }
    T('shots');
    // The open-full link opens a new tab with the full app; the course page stays where it was.
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.frameLocator('#f-steps').locator('[data-testid="open-full"]').click(),
    ]);
    await popup.locator('[data-testid="view-steps"]').waitFor();
    assert.ok(await popup.locator('.brand').isVisible());
    assert.equal(new URL(popup.url()).searchParams.get('n'), '50000');
    assert.equal(new URL(popup.url()).searchParams.get('embed'), null);
    assert.equal(page.url(), hostUrl);
    T('popup');
    await popup.close();
    // The framed app cannot navigate the course page: the sandbox forbids top navigation.
    const frame = page.frames().find((f) => f.url().includes('view=steps'));
    await frame.evaluate(() => {
      try {
        window.top.location.href = 'about:blank';
      } catch {
        /* blocked, as expected */
      }
    });
    await page.waitForTimeout(300);
    T('top');
    assert.equal(page.url(), hostUrl);
  } finally {
    await page.close();
    await new Promise((r) => host.close(r));
  }
  // Top navigation attempts are reported by Chromium as a console error; everything else must be clean.
  assert.deepEqual(problems.filter((p) => !/navigate the top-level window|sandboxed/i.test(p)), []);
  assert.deepEqual(foreign, []);
});
