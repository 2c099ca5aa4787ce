// Accessibility and comfort, on every view in both languages and both themes:
// - axe-core (WCAG 2.0/2.1 A and AA rules, and 2.2 AA target size) finds no serious or critical violation, with every <details> open so the
//   content behind "why?" and "show the data" is checked too;
// - at 375 px wide nothing scrolls sideways (the page's scroll width stays within the viewport), and axe passes there
//   too (a table scrolling inside its box would need to be reachable by keyboard);
// - from the top of the page, Tab reaches the skip link, every nav link, both language buttons, the theme select
//   (the Share toggle may come between) and the view's first field, in that order, each with a visible focus indicator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { startApp, VIEWS } from './harness.mjs';

const require = createRequire(import.meta.url);
// axe-core from npm (tests/e2e/node_modules), read from disk: nothing is fetched at run time.
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const LANGS = ['en', 'zh'];
const THEMES = ['light', 'dark'];

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

/** Opens a view and waits until it has rendered its body (and, on the simulator, its first runs). */
async function openView(view, lang, theme) {
  await app.open(`view=${view}&lang=${lang}&theme=${theme}`);
  await app.page.waitForSelector(`[data-testid="view-${view}"]`, { timeout: 15000 });
  // On the simulator, let the first runs finish so the page is checked in its settled state.
  if (view === 'sim') await app.page.waitForSelector('[data-testid="sim-done"]', { state: 'attached', timeout: 60000 });
}

/** A field per view whose bad value leaves the results kept from the last good input (shown as stale). */
const BAD_INPUT = {
  steps: ['n', 'abc'],
  lr: ['lam_max', '-1'],
  sim: ['steps', 'abc'],
  memory: ['mbs', '0'],
  data: ['t', 'abc'],
  compute: ['mfu', '2'],
};

/** Opens every <details>, then waits until each chart's data table (built only while open) is there. */
async function openAllDetails(page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  await page.waitForFunction(() => [...document.querySelectorAll('details.data-table')].every((d) => d.querySelector('table')));
}

/**
 * Injects axe-core (page.evaluate goes through the DevTools protocol, which a page's Content-Security-Policy does
 * not govern) and runs it on the whole document. Returns the serious and critical violations.
 */
async function axeSerious(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe === 'object');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '),
        html: n.html.slice(0, 160),
        summary: n.failureSummary,
      })),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable account of violations for a failing assertion. */
function describe(violations) {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map((n) => `    ${n.target}\n      ${n.html}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`)
          .join('\n') +
        (v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ''),
    )
    .join('\n');
}

for (const view of VIEWS) {
  test(`axe: ${view}, both languages and both themes, no serious or critical violation`, async () => {
    const failures = [];
    for (const lang of LANGS) {
      for (const theme of THEMES) {
        await app.page.setViewportSize({ width: 1280, height: 900 });
        await openView(view, lang, theme);
        // Open every disclosure so the text inside is checked as well.
        await openAllDetails(app.page);
        const serious = await axeSerious(app.page);
        if (serious.length) failures.push(`--- view=${view} lang=${lang} theme=${theme}\n${describe(serious)}`);
      }
    }
    assert.equal(failures.length, 0, `axe found serious/critical violations:\n${failures.join('\n')}`);
    assert.deepEqual(app.problems(), []);
  });
}

test('axe: results kept from the last good input (stale) stay readable, both themes', async () => {
  const failures = [];
  for (const view of VIEWS) {
    for (const theme of THEMES) {
      await app.page.setViewportSize({ width: 1280, height: 900 });
      await openView(view, 'en', theme);
      const [key, bad] = BAD_INPUT[view];
      await app.page.locator(`[data-testid="input-${key}"]`).fill(bad);
      await app.page.waitForSelector('[data-stale="true"], .stale', { state: 'attached', timeout: 5000 });
      const serious = await axeSerious(app.page);
      if (serious.length) failures.push(`--- view=${view} theme=${theme} ${key}=${bad}\n${describe(serious)}`);
    }
  }
  assert.equal(failures.length, 0, `axe found serious/critical violations:\n${failures.join('\n')}`);
  assert.deepEqual(app.problems(), []);
});

test('at 375 px wide no view scrolls sideways and axe still passes, in either language', async () => {
  const wide = [];
  await app.page.setViewportSize({ width: 375, height: 800 });
  for (const view of VIEWS) {
    for (const lang of LANGS) {
      await openView(view, lang, 'light');
      for (const open of [false, true]) {
        if (open) await openAllDetails(app.page);
        const m = await app.page.evaluate(() => {
          const se = document.scrollingElement;
          // The widest elements sticking out past the right edge, to say what to fix.
          const culprits = [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .filter((el) => !el.parentElement.closest('[data-overflowing]'))
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)}`);
          return { scrollWidth: se.scrollWidth, clientWidth: se.clientWidth, culprits };
        });
        if (m.scrollWidth > 375) {
          wide.push(`view=${view} lang=${lang} details ${open ? 'open' : 'closed'}: scrollWidth ${m.scrollWidth}; ${m.culprits.join(', ')}`);
        }
        // A region that scrolls inside the page must be reachable by keyboard; axe checks that (and the rest) here.
        if (open) {
          const serious = await axeSerious(app.page);
          if (serious.length) wide.push(`--- axe at 375 px, view=${view} lang=${lang}\n${describe(serious)}`);
        }
      }
    }
  }
  await app.page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(wide, []);
  assert.deepEqual(app.problems(), []);
});

/** What the focused element is, and whether its focus indicator is visible. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
    const shadow = cs.boxShadow && cs.boxShadow !== 'none';
    return {
      testid: el.getAttribute('data-testid') ?? '',
      tag: el.tagName.toLowerCase(),
      cls: el.className,
      inMain: !!el.closest('main'),
      visible: outline || shadow,
      focusVisible: el.matches(':focus-visible'),
    };
  });
}

for (const view of VIEWS) {
  test(`keyboard: ${view}, Tab order reaches nav, language, theme, then the first field, with a visible focus ring`, async () => {
    await app.page.setViewportSize({ width: 1280, height: 900 });
    await openView(view, 'en', 'light');
    // Start from the top of the document, as after a fresh load.
    await app.page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    const firstField = await app.page.evaluate(() => {
      const el = document.querySelector('main input:not([type="hidden"]), main select, main textarea');
      return el?.getAttribute('data-testid') ?? null;
    });
    assert.ok(firstField, 'the view has a field with a data-testid');
    const seen = [];
    for (let i = 0; i < 20; i++) {
      await app.page.keyboard.press('Tab');
      const f = await focused(app.page);
      assert.ok(f, `Tab ${i + 1} focused nothing`);
      seen.push(f);
      assert.ok(f.focusVisible, `Tab ${i + 1} (${f.tag} ${f.testid}) does not match :focus-visible`);
      assert.ok(f.visible, `Tab ${i + 1} (${f.tag} ${f.testid || f.cls}) has no visible focus outline or shadow`);
      if (f.inMain && f.testid !== 'share') break; // the Share toggle sits above the view's fields
    }
    const ids = seen.map((f) => f.testid || `${f.tag}.${f.cls}`);
    assert.equal(seen[0].cls, 'skip', `the first Tab stop is the skip link, got ${ids[0]}`);
    const expected = [
      'nav-steps',
      'nav-lr',
      'nav-sim',
      'nav-memory',
      'nav-data',
      'nav-compute',
      'lang-en',
      'lang-zh',
      'theme',
    ];
    const order = ids.filter((id) => expected.includes(id));
    assert.deepEqual(order, expected, `Tab order: ${ids.join(' → ')}`);
    assert.equal(ids.at(-1), firstField, `Tab order: ${ids.join(' → ')}`);
    assert.deepEqual(app.problems(), []);
  });
}

test('keyboard: the skip link moves focus into the main content', async () => {
  await openView('steps', 'en', 'light');
  await app.page.evaluate(() => document.activeElement?.blur());
  await app.page.keyboard.press('Tab');
  const skip = await focused(app.page);
  assert.equal(skip.cls, 'skip');
  const box = await app.page.locator('.skip').boundingBox();
  assert.ok(box && box.x >= 0 && box.y >= 0, 'the focused skip link is on screen');
  await app.page.keyboard.press('Enter');
  await app.page.keyboard.press('Tab');
  const next = await focused(app.page);
  assert.ok(next.inMain, `after the skip link, Tab lands in main, got ${next.tag} ${next.testid}`);
  assert.deepEqual(app.problems(), []);
});

test('axe: the Data view after its experiments have run, and with their results stale, both themes', async () => {
  const failures = [];
  for (const theme of THEMES) {
    await app.page.setViewportSize({ width: 1280, height: 900 });
    await openView('data', 'en', theme);
    for (const p of ['exp', 'exp-compare', 'quality', 'diversity']) {
      const run = app.page.locator(`[data-testid="${p}-run"]`);
      await run.scrollIntoViewIfNeeded();
      await run.click();
      await app.page.waitForSelector(`[data-testid="${p}-done"]`, { state: 'attached', timeout: 60000 });
    }
    await openAllDetails(app.page);
    let serious = await axeSerious(app.page);
    if (serious.length) failures.push(`--- data after runs, theme=${theme}\n${describe(serious)}`);
    // A changed setting marks every result stale; the muted text must stay readable.
    await app.page.locator('[data-testid="input-exp_seed"]').fill('2');
    await app.page.waitForSelector('.exp-results.stale', { state: 'attached', timeout: 5000 });
    serious = await axeSerious(app.page);
    if (serious.length) failures.push(`--- data results stale, theme=${theme}\n${describe(serious)}`);
  }
  assert.equal(failures.length, 0, `axe found serious/critical violations:\n${failures.join('\n')}`);
  assert.deepEqual(app.problems(), []);
});
