// The web app's inspection worker (see www/src/worker.rs and www/src/offload.rs). `boot.js`
// starts it and sends the URL of the app's JavaScript glue (loaded at once, so the page
// fetches nothing later); the first large paste brings the wasm module the page already
// compiled; then each job is a paste to inspect off the page's main thread, answered with
// the JSON text of its report. Nothing here touches the network after the glue, or storage.
let glue = null;
let ready = null;

self.addEventListener('message', async (event) => {
  const m = event.data;
  if (m.type === 'glue') {
    glue = import(m.js);
    glue.then(() => self.postMessage({ type: 'loaded' }), (e) => self.postMessage({ type: 'loaded', error: String(e) }));
    return;
  }
  if (m.type === 'init') {
    glue ??= import(m.js);
    ready = glue.then(async (g) => {
      await g.default({ module_or_path: m.module });
      return g;
    });
    return;
  }
  try {
    const g = await ready;
    self.postMessage(g.worker_inspect(m.seq, m.input, m.options));
  } catch (e) {
    self.postMessage(JSON.stringify({ seq: m.seq, outcome: { Err: `the worker failed: ${e}` } }));
  }
});
