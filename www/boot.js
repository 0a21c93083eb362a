// Starts the app without an inline script (the Content-Security-Policy allows only
// same-origin scripts), then locks the page down: a second policy with connect-src 'none'
// means that after start-up nothing — not even a same-origin fetch — can leave the page.
const boot = document.getElementById('boot');
const { default: init, start_page } = await import(boot.dataset.js);
await init({ module_or_path: boot.dataset.wasm });
start_page();
// The inspection worker for large pastes (www/src/worker.rs) starts now and loads the JS glue
// at once, so that after the lock-down below the page never fetches anything again — not even
// its own files. It instantiates the wasm only when the first large paste comes.
if (!document.documentElement.hasAttribute('data-embed') && typeof Worker === 'function') {
  try {
    const worker = new Worker(new URL('worker.js', document.baseURI), { type: 'module' });
    await new Promise((resolve) => {
      worker.addEventListener('message', resolve, { once: true });
      worker.addEventListener('error', resolve, { once: true });
      worker.postMessage({ type: 'glue', js: new URL(boot.dataset.js, document.baseURI).href });
      setTimeout(resolve, 3000);
    });
    globalThis.twilioInspectorWorker = worker;
  } catch {
    // No worker: large pastes are inspected in the page.
  }
}
const lock = document.createElement('meta');
lock.httpEquiv = 'Content-Security-Policy';
lock.content = "connect-src 'none'";
document.head.appendChild(lock);
document.documentElement.dataset.ready = 'true';

// The embed page (embed.html, index.html?embed) in a frame tells the page around it how
// tall it is, so the frame can fit it (embed.js listens). Only the height is sent.
if (document.documentElement.hasAttribute('data-embed') && window.parent !== window) {
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: 'twilio-webhook-inspector:height', height }, '*');
    }
  };
  new ResizeObserver(post).observe(document.body);
  // The page around may start listening after the first post: it asks again.
  window.addEventListener('message', (event) => {
    if (event.source === window.parent && event.data?.type === 'twilio-webhook-inspector:ping') {
      last = 0;
      post();
    }
  });
}
