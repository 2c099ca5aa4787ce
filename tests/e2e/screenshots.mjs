// Screenshots of views in both languages and themes, at 1280 px and 375 px wide, for looking at the
// page as a user would. Usage: node screenshots.mjs [outdir] [query ...]
// Serves ../../dist under /course/lab/ on a free port.
import path from 'node:path';
import fs from 'node:fs';
import { startServer } from './serve.mjs';
import { launch } from './browser.mjs';
import { drawnCanvas } from './harness.mjs';

const out = path.resolve(process.argv[2] ?? 'artifacts/screens');
const queries = process.argv.slice(3);
fs.mkdirSync(out, { recursive: true });
const server = await startServer({ port: 0, prefix: '/course/lab/' });
const base = `http://127.0.0.1:${server.address().port}/course/lab/`;
const ctx = await launch();
const page = await ctx.newPage();
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
page.on('pageerror', (e) => console.log('page error:', e.message));
for (const q of queries.length ? queries : ['view=steps']) {
  for (const lang of ['en', 'zh']) {
    for (const theme of ['light', 'dark']) {
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${base}?${q}&lang=${lang}&theme=${theme}`);
        const name = `${q.replace(/[^a-z0-9=_-]+/gi, '_')}_${lang}_${theme}_${width}.png`;
        // The footer is built last, after every part of the view built in a later task.
        await page.waitForSelector('.site-foot', { timeout: 10000 }).catch(() => {});
        // Charts are drawn when they come near the viewport: scroll to each and wait for its drawing.
        for (const c of await page.locator('canvas[data-testid]').all()) {
          await drawnCanvas(page, await c.getAttribute('data-testid')).catch(() => console.log('not drawn:', name));
        }
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.waitForTimeout(400);
        await page.screenshot({ path: path.join(out, name), fullPage: true });
        console.log(name);
      }
    }
  }
}
await ctx.close();
server.close();
