// The web app's inspection worker (see www/src/worker.rs and www/src/offload.rs). The page
// sends the wasm module it already compiled and the URL of its JavaScript glue, then large
// pastes to inspect off its main thread; each answer is the JSON text of the report.
// Nothing here touches the network or storage.
let ready = null;

self.addEventListener('message', async (event) => {
  const m = event.data;
  if (m.type === 'init') {
    ready = import(m.js).then(async (glue) => {
      await glue.default({ module_or_path: m.module });
      return glue;
    });
    return;
  }
  try {
    const glue = await ready;
    self.postMessage(glue.worker_inspect(m.seq, m.input, m.options));
  } catch (e) {
    self.postMessage(JSON.stringify({ seq: m.seq, outcome: { Err: `the worker failed: ${e}` } }));
  }
});
