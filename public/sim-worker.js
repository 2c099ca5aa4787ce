// The Simulator's background worker: a module worker started by the Simulator page
// (src/ui/views/sim/pool.rs), one per core. It loads the worker's WebAssembly module
// (src/bin/sim_worker.rs), whose main() takes over the worker's messages and posts "ready".
// The two relative names below are the build's unhashed ones; .ci/hash-pages.mjs rewrites them to
// the hashed files and gives this script a hashed name of its own. Relative URLs resolve against
// this script, so the site works under any sub-path. If this script itself cannot load, the page
// sees the worker's "error" event. If the WebAssembly module cannot be fetched or compiled (for
// instance when the page navigates away while its workers load), the worker posts a message that
// is not bytes, which the page takes as a failed worker, and closes: an uncaught rejection here
// would show as an error of the page (the browser reports a worker's uncaught errors there).
import init from './sim_worker.js';

try {
  await init({ module_or_path: new URL('./sim_worker_bg.wasm', import.meta.url) });
} catch {
  self.postMessage('sim-worker: the module did not load');
  self.close();
}
