// End-to-end harness: serves the built dist/ on 127.0.0.1 under a sub-path (proving every asset URL is
// relative), drives headless Chromium, and records console errors and any request that leaves the origin.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { launch } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(process.env.DIST ?? path.join(here, '..', '..', 'dist'));
export const PREFIX = '/course/lab/';
/** Every view's `view=` key, in the order of the site's navigation: the one list the end-to-end files share. */
export const VIEWS = ['steps', 'lr', 'sim', 'memory', 'data', 'compute'];

/**
 * Starts a server and a browser. Returns helpers; call `close()` when done.
 * `app.problems()` lists console errors, page errors and off-origin requests seen so far. Playwright reports a
 * dedicated worker's console calls and uncaught errors (an unhandled rejection included) on its page too, so they
 * count here as the page's own.
 */
export async function startApp() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`no built site at ${DIST}: run \`trunk build --release\` first`);
  }
  const server = await startServer({ dir: DIST, port: 0, prefix: PREFIX });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const base = origin + PREFIX;
  const ctx = await launch();
  const errors = [];
  const offOrigin = [];
  ctx.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:')) offOrigin.push(url);
  });
  // Content-Security-Policy violations (index.html's policy) count as errors, in every frame.
  await ctx.addInitScript(() => {
    addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const page = await ctx.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('dialog', (d) => {
    errors.push(`dialog opened: ${d.message()}`);
    d.dismiss();
  });
  return {
    base,
    origin,
    page,
    ctx,
    /** Opens the app with a query string (without the leading `?`) and waits for it to render. */
    async open(query = '') {
      await page.goto(`${base}${query ? '?' + query : ''}`);
      await page.waitForSelector('[data-testid="nav"]', { timeout: 15000 });
    },
    problems() {
      return [...errors, ...offOrigin.map((u) => `off-origin request: ${u}`)];
    },
    async close() {
      await ctx.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Opens the data table under the chart `canvasTestid` (built only while open) and returns its <table>. */
export async function openTable(page, canvasTestid) {
  const details = page
    .locator(`canvas[data-testid="${canvasTestid}"]`)
    .locator('xpath=ancestor::div[contains(@class,"chart-box")]/following-sibling::details[1]');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  const table = details.locator('table');
  await table.waitFor({ state: 'attached', timeout: 10000 });
  return table;
}

/**
 * Points at the chart `canvasTestid` at fractions (`fx`, `fy`) of its box and returns the read-out's lines as
 * [name, number-or-text] pairs (numbers parsed from the English formatting), or null when no read-out appears.
 */
export async function hoverReadout(page, canvasTestid, fx, fy) {
  await drawnCanvas(page, canvasTestid);
  const canvas = page.locator(`canvas[data-testid="${canvasTestid}"]`);
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
  const box2 = page.locator(`[data-testid="${canvasTestid}-readout"]`);
  try {
    await box2.waitFor({ timeout: 3000 });
  } catch {
    return null;
  }
  const rows = await box2.locator('div').evaluateAll((ds) => ds.map((d) => [d.querySelector('.k')?.textContent ?? '', d.querySelector('b')?.textContent ?? '']));
  return rows.map(([k, v]) => {
    const n = Number(v.replaceAll(',', '').replace('−', '-').replace(/%$/, ''));
    return [k, v !== '' && Number.isFinite(n) ? n : v];
  });
}

/** The raw `data-value` of a figure. */
export async function value(page, testid) {
  const el = page.locator(`[data-testid="${testid}"]`);
  await el.waitFor({ state: 'attached', timeout: 10000 });
  return el.getAttribute('data-value');
}

/** The raw value as a number. */
export async function num(page, testid) {
  return Number(await value(page, testid));
}

/** Types into the field bound to URL key `key` (replacing its text). */
export async function setInput(page, key, text) {
  await page.locator(`[data-testid="input-${key}"]`).fill(String(text));
}

/** A fingerprint of a chart canvas's pixels (its PNG data URL). */
export async function canvasPixels(page, testid) {
  return (await drawnCanvas(page, testid)).evaluate((c) => c.toDataURL());
}

/**
 * The chart canvas `testid`, scrolled into view and drawn. A chart is first drawn when it comes near the
 * viewport (`data-drawn` counts its drawings), so a test that reads one scrolls to it, as a reader would.
 */
export async function drawnCanvas(page, testid) {
  const canvas = page.locator(`canvas[data-testid="${testid}"]`);
  await canvas.waitFor({ state: 'attached', timeout: 10000 });
  await canvas.scrollIntoViewIfNeeded();
  const drawn = page.locator(`canvas[data-testid="${testid}"][data-drawn]`);
  await drawn.waitFor({ state: 'attached', timeout: 10000 });
  return drawn;
}

/** Polls `fn` until it returns something different from `before` (or times out). */
export async function changed(fn, before, timeout = 5000) {
  const end = Date.now() + timeout;
  let now = await fn();
  while (now === before && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    now = await fn();
  }
  return now;
}

/** Waits until `fn` returns a truthy value (or times out), returning it. */
export async function until(fn, timeout = 5000) {
  const end = Date.now() + timeout;
  let v = await fn();
  while (!v && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    v = await fn();
  }
  return v;
}
