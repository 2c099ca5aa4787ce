// Starts Batch Lab from a file rather than an inline script, so that index.html's
// Content-Security-Policy can forbid inline script altogether.
//
// Each view is a WebAssembly module of its own. index.html has one
// <meta name="batch-lab-page" data-view data-js data-wasm> per view, naming its hashed files
// (Trunk writes the Steps one, .ci/hash-pages.mjs the others); URLs resolve against the page, like
// every asset. The view is the URL's `view=` (the last one, as the app reads it); anything else
// opens Steps, whose page reports a malformed value.
const view = new URLSearchParams(location.search).getAll('view').pop();
const pages = [...document.querySelectorAll('meta[name="batch-lab-page"]')];
const page = pages.find((m) => m.dataset.view === view) ?? pages.find((m) => m.dataset.view === 'steps');
const url = (path) => new URL(path, document.baseURI).href;
// The download of the WebAssembly starts now, alongside the JavaScript that instantiates it.
const wasm = fetch(url(page.dataset.wasm));
const bindings = await import(url(page.dataset.js));
await bindings.default({ module_or_path: wasm });
