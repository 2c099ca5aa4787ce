// Starts Batch Lab from a file rather than an inline script, so that index.html's
// Content-Security-Policy can forbid inline script altogether. Trunk writes the hashed names of
// the wasm-bindgen module and of the WebAssembly into <meta name="batch-lab-boot"> (see
// `pattern_script` in Trunk.toml); both resolve against the page, like every asset (relative URLs).
const boot = document.querySelector('meta[name="batch-lab-boot"]');
const bindings = await import(new URL(boot.dataset.js, document.baseURI).href);
await bindings.default({ module_or_path: new URL(boot.dataset.wasm, document.baseURI).href });
