// A minimal static file server for dist/, on 127.0.0.1 only, optionally under a sub-path.
// Usage: node serve.mjs [--dir ../../dist] [--port 8080] [--prefix /course/lab/] [--gzip 1]
// Used by `.ci/serve` (prefix "/") and by the end-to-end tests (a sub-path, to prove relative URLs).
// `gzip` (off by default) compresses text and WebAssembly as a static host would; the Lighthouse script uses it.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const root = path.resolve(args.dir ?? path.join(here, '..', '..', 'dist'));
const port = Number(args.port ?? 8080);
let prefix = args.prefix ?? '/';
if (!prefix.endsWith('/')) prefix += '/';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

const compressible = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json', '.txt']);

export function startServer({ dir = root, port: p = port, prefix: pre = prefix, gzip = args.gzip === '1' } = {}) {
  const gzipped = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // A malformed escape (`/%zz`) names no file: a client error, not a crash of the server.
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      return res.end('bad request');
    }
    if (pathname + '/' === pre) {
      res.writeHead(301, { Location: pre });
      return res.end();
    }
    if (!pathname.startsWith(pre)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('not found');
    }
    let rel = pathname.slice(pre.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir + path.sep)) {
      res.writeHead(403);
      return res.end();
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        return res.end('not found');
      }
      const headers = {
        'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      };
      if (gzip && compressible.has(path.extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = `${file}:${body.length}`;
        if (!gzipped.has(key)) gzipped.set(key, zlib.gzipSync(body));
        body = gzipped.get(key);
        headers['Content-Encoding'] = 'gzip';
        headers.Vary = 'Accept-Encoding';
      }
      res.writeHead(200, headers);
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(p, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startServer().then(() => console.log(`Batch Lab: http://127.0.0.1:${port}${prefix}  (serving ${root})`));
}
