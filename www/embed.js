// Webhook Inspector for Twilio — drop-in embeds for documentation pages.
//
//   <script type="module" src="https://YOUR-HOST/inspector/embed.js"></script>
//   <twilio-webhook-inspector example="message-status-callback" param="MessageStatus"></twilio-webhook-inspector>
//   <twilio-webhook-inspector kind="messaging-request">ToCountry=US&amp;Body=Hello…</twilio-webhook-inspector>
//
// On the first <twilio-webhook-inspector>, loads the app's own files next to this one (its
// JavaScript glue, its WebAssembly and its stylesheet) once, then mounts a compact inspector
// in each element's shadow root, every element on its own. Nothing else is ever requested:
// the inspector runs in the page and sends nothing anywhere.
//
// Attributes: example, kind, format, url, signature, param, theme (see the README,
// "Embedding in documentation"). The element's text is the input (a request, the server's
// answer, or the request followed by its answer); for text with markup characters (TwiML),
// put it in a <script type="text/plain"> child, which HTML leaves as it is.
//
// It also sizes iframes of embed.html to their content: they post their height.
//
// This file is a template: the build (scripts/embed-hook.sh, a Trunk post-build hook)
// writes dist/embed.js with the hashed file names in FILES.
const FILES = { js: '@JS@', wasm: '@WASM@', css: '@CSS@' };
const TAG = 'twilio-webhook-inspector';
const ATTRIBUTES = ['example', 'kind', 'format', 'url', 'signature', 'param', 'theme'];
const HEIGHT = 'twilio-webhook-inspector:height';

const here = new URL('./', import.meta.url);
const at = (file) => new URL(file, here).href;

let wasm;
/** The wasm module, loaded and started once for the whole page. */
const load = () => (wasm ??= import(at(FILES.js)).then(async (m) => {
  await m.default({ module_or_path: at(FILES.wasm) });
  return m;
}));

class TwilioWebhookInspector extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  connectedCallback() {
    if (this.app || this.loading) return;
    this.loading = true;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    if (!this.styled) {
      const sheet = document.createElement('link');
      sheet.rel = 'stylesheet';
      sheet.href = at(FILES.css);
      this.styled = new Promise((done) => { sheet.onload = sheet.onerror = done; });
      root.append(sheet);
    }
    Promise.all([load(), this.styled]).then(([m]) => {
      this.loading = false;
      if (!this.isConnected || this.app) return;
      this.box?.remove();
      this.box = document.createElement('div');
      root.append(this.box);
      this.app = m.mount(this, this.box, this.input(), here.href);
    }, (error) => {
      this.loading = false;
      const p = document.createElement('p');
      p.textContent = `The webhook inspector could not load: ${error}`;
      this.box?.remove();
      this.box = p;
      root.append(p);
    });
  }

  /** The input: a <script type="text/plain"> child's text, else the element's own text. */
  input() {
    const raw = this.querySelector(':scope > script[type="text/plain"]');
    return (raw ?? this).textContent;
  }

  disconnectedCallback() {
    // Moving the element fires disconnected then connected: keep it mounted.
    queueMicrotask(() => { if (!this.isConnected) this.unmount(); });
  }

  attributeChangedCallback(name, before, after) {
    // The theme is CSS only (:host([theme=…])); anything else is a new inspector.
    if (this.app && before !== after && name !== 'theme') {
      this.unmount();
      this.connectedCallback();
    }
  }

  unmount() {
    if (this.app) {
      this.app.destroy();
      this.app.free();
      this.app = null;
    }
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, TwilioWebhookInspector);

// Frames of embed.html say how tall they are; fit each one that is ours.
window.addEventListener('message', (event) => {
  if (event.origin !== here.origin || event.data?.type !== HEIGHT) return;
  const height = Number(event.data.height);
  if (!Number.isFinite(height) || height < 0 || height > 100000) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.style.height = `${height}px`;
  }
});
// Frames that started before this listener existed posted their height into the void: ask
// them again (now, and once each finishes loading).
const ping = (frame) => frame.contentWindow?.postMessage({ type: 'twilio-webhook-inspector:ping' }, here.origin);
for (const frame of document.querySelectorAll('iframe')) {
  ping(frame);
  frame.addEventListener('load', () => ping(frame));
}
