// End-to-end tests of the first paint that index.html carries (src/ui/prerender.rs, public/boot.js):
// before a view's module has run, the page shows the header and that view's heading in the URL's
// language, where the app will put them; once the app has built the page, the first paint is gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, VIEWS } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app.close();
});


/** A page of the test's browser on which no WebAssembly can load: it keeps its first paint. */
async function pageWithoutModules(width = 375) {
  const page = await app.ctx.newPage();
  await page.setViewportSize({ width, height: 800 });
  await page.route(/\.wasm$/, (route) => route.abort());
  return page;
}

/** The visible heading, lead and their boxes: the first paint's (`.boot`) or the app's. */
async function heading(page, root) {
  return page.evaluate((root) => {
    const scope = [...document.querySelectorAll(`${root} .view`)].find((v) => v.offsetParent !== null);
    if (!scope) return null;
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
    };
    const h2 = scope.querySelector('.view-head h2');
    const lead = scope.querySelector('.view-head .lead');
    return { title: h2.textContent, lead: lead.textContent, h2: box(h2), leadBox: box(lead), lang: document.documentElement.lang };
  }, root);
}

test('first paint: each view\'s heading in the URL\'s language, where the app puts it', async () => {
  const bare = await pageWithoutModules();
  try {
    for (const lang of ['en', 'zh']) {
      for (const view of VIEWS) {
        const query = `view=${view}&lang=${lang}`;
        await bare.goto(`${app.base}?${query}`);
        const early = await heading(bare, '.boot');
        assert.ok(early, `${query}: the first paint shows a view`);
        assert.equal(early.lang, lang, `${query}: <html lang> is set before the body`);
        // Exactly one block shows: the header of one language and the heading of one view.
        const shown = await bare.evaluate(() =>
          [...document.querySelectorAll('.boot h1, .boot h2')].filter((e) => e.offsetParent !== null).length,
        );
        assert.equal(shown, 2, `${query}: one site name and one view title show`);
        const current = await bare.evaluate(() =>
          [...document.querySelectorAll('.boot nav a')].filter((a) => a.offsetParent !== null && getComputedStyle(a).fontWeight === '600').map((a) => a.dataset.nav),
        );
        assert.deepEqual(current, [view], `${query}: the nav marks the view`);

        await app.page.setViewportSize({ width: 375, height: 800 });
        await app.open(query);
        const built = await heading(app.page, 'main#main');
        assert.equal(early.title, built.title, `${query}: same title`);
        assert.equal(early.lead, built.lead, `${query}: same lead`);
        assert.deepEqual(early.h2, built.h2, `${query}: the title does not move when the app takes over`);
        assert.deepEqual(early.leadBox, built.leadBox, `${query}: the lead does not move when the app takes over`);
        assert.equal(await app.page.locator('.boot').count(), 0, `${query}: the first paint is removed`);
      }
    }
  } finally {
    await bare.close();
    await app.page.setViewportSize({ width: 1280, height: 900 });
  }
  assert.deepEqual(app.problems(), []);
});

test('first paint: URL values only pick among fixed blocks, and hostile ones fall back', async () => {
  const bare = await pageWithoutModules();
  try {
    const payload = encodeURIComponent('"><img src=x onerror=alert(1)>');
    await bare.goto(`${app.base}?view=${payload}&lang=${payload}&theme=${payload}&hide=${payload},text&embed=1`);
    const attrs = await bare.evaluate(() => {
      const h = document.documentElement;
      return { lang: h.lang, theme: h.dataset.theme, hide: h.dataset.hide, embed: h.hasAttribute('data-embed'), view: h.dataset.bootView };
    });
    // Chromium's language here is en-US; the theme keeps index.html's default.
    assert.deepEqual(attrs, { lang: 'en', theme: 'auto', hide: 'text', embed: true, view: 'steps' });
    assert.equal(await bare.locator('img').count(), 0, 'no markup from the URL');
    // hide=text applies to the first paint as it will to the app: the lead is hidden.
    const lead = await bare.evaluate(() =>
      [...document.querySelectorAll('.boot .lead')].some((e) => e.offsetParent !== null),
    );
    assert.equal(lead, false);
  } finally {
    await bare.close();
  }
});

test('first paint: the browser language picks Chinese when the URL does not say', async () => {
  const page = await pageWithoutModules();
  try {
    await page.addInitScript(() => Object.defineProperty(navigator, 'language', { get: () => 'zh-CN' }));
    await page.goto(`${app.base}?view=memory`);
    const early = await heading(page, '.boot');
    assert.equal(early.lang, 'zh');
    assert.equal(early.title, '显存');
  } finally {
    await page.close();
  }
});
