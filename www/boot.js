// Starts the app without an inline script (the Content-Security-Policy allows only
// same-origin scripts), then locks the page down: a second policy with connect-src 'none'
// means that after start-up nothing — not even a same-origin fetch — can leave the page.
const boot = document.getElementById('boot');
const { default: init } = await import(boot.dataset.js);
await init({ module_or_path: boot.dataset.wasm });
const lock = document.createElement('meta');
lock.httpEquiv = 'Content-Security-Policy';
lock.content = "connect-src 'none'";
document.head.appendChild(lock);
document.documentElement.dataset.ready = 'true';
