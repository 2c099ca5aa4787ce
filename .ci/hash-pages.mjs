// Trunk post-build hook (Trunk.toml): gives the views built as Trunk "worker" apps (index.html)
// content-hashed file names, as Trunk does for its main app, and names them in index.html with a
// <meta name="batch-lab-page"> each, next to the Steps one, for public/boot.js.
//
// Runs in Trunk's staging directory (TRUNK_STAGING_DIR). Fails loudly when anything is missing.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const VIEWS = ['lr', 'sim', 'memory', 'data', 'compute'];
const dir = process.env.TRUNK_STAGING_DIR;
const base = process.env.TRUNK_PUBLIC_URL ?? './';
if (!dir) throw new Error('hash-pages: TRUNK_STAGING_DIR is not set (run by trunk build)');

const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
// Trunk's minifier may drop the quotes around attribute values.
const steps = html.match(/<meta[^>]*name="?batch-lab-page"?[^>]*>/);
if (!steps) throw new Error('hash-pages: no <meta name="batch-lab-page"> for Steps in index.html');

const metas = VIEWS.map((view) => {
  const js = join(dir, `${view}.js`);
  const wasm = join(dir, `${view}_bg.wasm`);
  for (const f of [js, wasm]) if (!existsSync(f)) throw new Error(`hash-pages: ${f} is missing`);
  const hash = createHash('sha256').update(readFileSync(js)).update(readFileSync(wasm)).digest('hex').slice(0, 16);
  const jsName = `${view}-${hash}.js`;
  const wasmName = `${view}-${hash}_bg.wasm`;
  renameSync(js, join(dir, jsName));
  renameSync(wasm, join(dir, wasmName));
  return `<meta name="batch-lab-page" data-view="${view}" data-js="${base}${jsName}" data-wasm="${base}${wasmName}">`;
});
const at = steps.index + steps[0].length;
html = html.slice(0, at) + metas.join('') + html.slice(at);
writeFileSync(htmlPath, html);
