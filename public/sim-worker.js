// The Simulator's background worker: a module worker started by the Simulator page
// (src/ui/views/sim/pool.rs), one per core. It loads the worker's WebAssembly module
// (src/bin/sim_worker.rs), whose main() takes over the worker's messages and posts "ready".
// The two relative names below are the build's unhashed ones; .ci/hash-pages.mjs rewrites them to
// the hashed files and gives this script a hashed name of its own. Relative URLs resolve against
// this script, so the site works under any sub-path. If the module cannot load, the error reaches
// the page as the worker's "error" event, and the page computes by itself.
import init from './sim_worker.js';

await init({ module_or_path: new URL('./sim_worker_bg.wasm', import.meta.url) });
