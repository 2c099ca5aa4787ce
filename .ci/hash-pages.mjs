// Trunk post-build hook (Trunk.toml): gives the views built as Trunk "worker" apps (index.html)
// content-hashed file names, as Trunk does for its main app, and names them in index.html with a
// <meta name="batch-lab-page"> each, next to the Steps one, for public/boot.js.
//
// The views are the source page's <link data-trunk rel="rust" data-type="worker" data-bin="…">
// entries (TRUNK_HTML_FILE): adding a view there is all it takes; this file and boot.js read it.
// A bin whose name ends in `_worker` is not a view but a background worker's module: its files
// get hashed names too, and so does its start script (public/<bin with - for _>.js, copied by
// Trunk), after its references to the module's unhashed names are rewritten to the hashed ones;
// it is named in a <meta name="batch-lab-worker" data-name data-js> (the page starts it).
// Runs in Trunk's staging directory (TRUNK_STAGING_DIR). Fails loudly when anything is missing.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
const base = process.env.TRUNK_PUBLIC_URL ?? './';
const source = process.env.TRUNK_HTML_FILE ?? 'index.html';
if (!dir) throw new Error('hash-pages: TRUNK_STAGING_DIR is not set (run by trunk build)');

/** The `data-bin` of every worker `<link data-trunk rel="rust">` in the source page, in order. */
function workerViews(sourceHtml) {
  const views = [];
  for (const [link] of sourceHtml.matchAll(/<link\b[^>]*>/g)) {
    const attr = (name) => link.match(new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s/>])`))?.[1];
    if (!/\sdata-trunk\b/.test(link) || attr('rel') !== 'rust' || attr('data-type') !== 'worker') continue;
    const bin = attr('data-bin');
    if (!bin || !/^[a-z][a-z0-9_-]*$/.test(bin)) throw new Error(`hash-pages: a worker link without a plain data-bin: ${link}`);
    views.push(bin);
  }
  return views;
}

const BINS = workerViews(readFileSync(source, 'utf8'));
const VIEWS = BINS.filter((b) => !b.endsWith('_worker'));
const WORKERS = BINS.filter((b) => b.endsWith('_worker'));
if (VIEWS.length === 0) throw new Error(`hash-pages: no worker <link data-trunk rel="rust"> in ${source}`);

const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
// Trunk's minifier may drop the quotes around attribute values.
const steps = html.match(/<meta[^>]*name="?batch-lab-page"?[^>]*>/);
if (!steps) throw new Error('hash-pages: no <meta name="batch-lab-page"> for Steps in index.html');
// boot.js reads the list of views from these <meta> elements while <head> is parsed: they must come first.
const boot = html.search(/<script[^>]*boot[^>]*>/);
if (boot >= 0 && boot < steps.index) throw new Error('hash-pages: the batch-lab-page <meta> must precede boot.js');

const sha = (...buffers) => {
  const h = createHash('sha256');
  for (const b of buffers) h.update(b);
  return h.digest('hex').slice(0, 16);
};

/** Gives `${bin}.js` and `${bin}_bg.wasm` hashed names; returns them. */
function hashModule(bin) {
  const js = join(dir, `${bin}.js`);
  const wasm = join(dir, `${bin}_bg.wasm`);
  for (const f of [js, wasm]) if (!existsSync(f)) throw new Error(`hash-pages: ${f} is missing`);
  const hash = sha(readFileSync(js), readFileSync(wasm));
  const jsName = `${bin}-${hash}.js`;
  const wasmName = `${bin}-${hash}_bg.wasm`;
  renameSync(js, join(dir, jsName));
  renameSync(wasm, join(dir, wasmName));
  return { jsName, wasmName };
}

const metas = VIEWS.map((view) => {
  const { jsName, wasmName } = hashModule(view);
  return `<meta name="batch-lab-page" data-view="${view}" data-js="${base}${jsName}" data-wasm="${base}${wasmName}">`;
});
for (const bin of WORKERS) {
  const { jsName, wasmName } = hashModule(bin);
  const start = join(dir, `${bin.replaceAll('_', '-')}.js`);
  if (!existsSync(start)) throw new Error(`hash-pages: ${start} (the worker's start script) is missing`);
  let text = readFileSync(start, 'utf8');
  for (const [from, to] of [[`./${bin}.js`, `./${jsName}`], [`./${bin}_bg.wasm`, `./${wasmName}`]]) {
    if (!text.includes(`'${from}'`)) throw new Error(`hash-pages: ${start} does not name '${from}'`);
    text = text.replaceAll(`'${from}'`, `'${to}'`);
  }
  const startName = `${bin.replaceAll('_', '-')}-${sha(text)}.js`;
  writeFileSync(join(dir, startName), text);
  rmSync(start);
  const name = bin.slice(0, -'_worker'.length);
  metas.push(`<meta name="batch-lab-worker" data-name="${name}" data-js="${base}${startName}">`);
}
const at = steps.index + steps[0].length;
html = html.slice(0, at) + metas.join('') + html.slice(at);
writeFileSync(htmlPath, html);
