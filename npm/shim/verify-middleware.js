// Server middleware of `twilio-webhook-inspector/verify` (wrapped with verify-core.js by
// scripts/npm-build.sh): a drop-in for twilio-node's `webhook()` that verifies the body as
// received (the raw bytes), so JSON webhooks, bracketed keys and parsers that reshape the
// body do not break it. `requestVerifier` is the plain `(req) => verdict`; `webhook` (Express
// and Node's http), `fastifyWebhook` with `fastifyRawBody`, and `verifyFetchRequest` (the
// Fetch API: Workers, Deno, Bun) are built on it.
//
// `host.env(name)` reads the environment (TWILIO_AUTH_TOKEN, NODE_ENV) where there is one;
// `host.doctor()` loads the full package lazily (Node only) for the one-line diagnosis
// logged in development. Nothing here logs a token or a body.
function webhookEntry(api, host) {
  const REJECT = {
    400: "No signature header error - X-Twilio-Signature header does not exist, maybe this request is not coming from Twilio.",
    403: "Twilio Request Validation Failed.",
    500: "Webhook Error - we attempted to validate this request without first configuring our auth token.",
  };

  // A header from Node's headers object (lower-case keys) or a Fetch API `Headers`.
  function header(headers, name) {
    if (!headers) return undefined;
    const v = typeof headers.get === "function" ? headers.get(name) : headers[name];
    if (v === undefined || v === null) return undefined;
    return Array.isArray(v) ? v.join(", ") : String(v);
  }
  const firstValue = (v) => (v === undefined ? undefined : v.split(",")[0].trim() || undefined);

  // twilio.webhook(options?, authToken?) accepts the token and the options in either order.
  function settings(args) {
    let o = {};
    let token;
    for (const a of args) {
      if (typeof a === "string") token = a;
      else if (a && typeof a === "object") o = { ...o, ...a };
    }
    let tokens = o.authTokens ?? o.authToken ?? token ?? host.env("TWILIO_AUTH_TOKEN");
    tokens = (Array.isArray(tokens) ? tokens : [tokens]).filter((t) => typeof t === "string" && t !== "");
    return {
      tokens,
      url: o.url,
      protocol: o.protocol,
      host: o.host,
      trustForwardedHeaders: o.trustForwardedHeaders === true,
      validate: o.validate !== false,
      development: o.development ?? host.env("NODE_ENV") === "development",
      log: typeof o.log === "function" ? o.log : (line) => console.warn(line),
      limit: Number.isFinite(o.limit) && o.limit >= 0 ? o.limit : 1 << 20,
    };
  }

  // The URL Twilio requested: `url` when given (a string, or a function of the request);
  // else scheme and host from the `protocol`/`host` options, then (opt-in) from
  // X-Forwarded-Proto/X-Forwarded-Host, then from the request itself, and the path and
  // query exactly as received.
  function publicUrl(req, o) {
    if (typeof o.url === "function") return String(o.url(req));
    if (typeof o.url === "string") return o.url;
    let target = String(req.originalUrl ?? req.url ?? "/");
    let proto = o.protocol;
    let authority = o.host;
    if (o.trustForwardedHeaders) {
      proto ??= firstValue(header(req.headers, "x-forwarded-proto"));
      authority ??= firstValue(header(req.headers, "x-forwarded-host"));
    }
    const absolute = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(target);
    if (absolute) {
      proto ??= absolute[1];
      authority ??= absolute[2];
      target = absolute[3] || "/";
    }
    proto ??= req.protocol ?? (req.socket?.encrypted ? "https" : "http");
    authority ??= header(req.headers, "host") ?? "";
    return `${String(proto).replace(/:$/, "")}://${authority}${target}`;
  }

  const textOf = (raw) => (typeof raw === "string" ? raw : new TextDecoder().decode(raw));

  // The verdict for one request: `{ valid, status, reason, url, result }`. `req` has
  // `method`, `url` (or Express's `originalUrl`), `headers` and the body as received in
  // `rawBody`; without it, a form body already decoded into `body` (an object) is checked
  // like twilio-node does.
  function check(req, o) {
    const headers = req.headers;
    const signature = header(headers, "x-twilio-signature");
    const url = publicUrl(req, o);
    const verdict = (status, reason, result = null) => ({ valid: status === 200, status, reason, url, result });
    if (!signature) return verdict(400, "missing-signature");
    if (o.tokens.length === 0) return verdict(500, "no-token");
    const method = req.method ? String(req.method) : undefined;
    const contentType = header(headers, "content-type");
    let raw = req.rawBody;
    if (raw !== undefined && raw !== null && typeof raw !== "string" && !(raw instanceof Uint8Array)) {
      return verdict(403, "no-raw-body");
    }
    if (raw === undefined || raw === null) {
      const parsed = req.body;
      const form = /^\s*application\/x-www-form-urlencoded/i.test(contentType ?? "");
      if (method === "GET" || method === "HEAD" || parsed === undefined || parsed === null) raw = "";
      else if (typeof parsed === "string" || parsed instanceof Uint8Array) raw = parsed;
      else if (form && typeof parsed === "object") {
        const ok = o.tokens.some((t) => api.validateRequest(t, signature, url, parsed));
        return verdict(ok ? 200 : 403, ok ? "valid" : "mismatch");
      } else return verdict(403, "no-raw-body");
    }
    const result = api.verifySignature(o.tokens, signature, url, raw, {
      contentType,
      method,
      signatureSettings: header(headers, "x-twilio-webhooks-signature-settings"),
    });
    return verdict(result.valid ? 200 : 403, result.reason, result);
  }

  // In development: one line saying why, with the doctor's diagnosis when the full package
  // can be loaded. Never the token, never the body.
  function explain(v, req, o) {
    let line = `twilio-webhook-inspector: ${v.status} for ${req.method ?? "POST"} ${v.url}: ${v.reason}`;
    if (v.reason === "no-raw-body") {
      line += " (the body was parsed before the check and its raw bytes were not kept: put webhook() before the body parsers, or keep them with express.json({ verify: keepRawBody }))";
    }
    const full = v.status === 403 && v.reason !== "no-raw-body" ? host.doctor() : null;
    if (full) {
      try {
        const text = rawHttp(req, v.url);
        // First the URL the request's own headers give (X-Forwarded-*, then Host): a proxy
        // in front of the app is the most common cause. Then the doctor on the URL checked.
        const own = full.inspect(text, { authTokens: o.tokens }).signature;
        if (own.status === "valid" && own.matched && own.matched.url !== v.url) {
          line += ` — Twilio signed ${own.matched.url}, which the request's forwarded/Host headers give: pass the public URL as \`url\`, or set \`trustForwardedHeaders: true\` behind a proxy you trust.`;
        } else {
          const s = full.inspect(text, { url: v.url, authTokens: o.tokens }).signature;
          const d = s.diagnoses[0];
          if (d) line += ` — ${d.message} ${d.hint}`;
          else if (s.noMatch?.likelyCauses?.length) line += ` — likely: ${s.noMatch.likelyCauses[0]}`;
        }
      } catch {
        // The diagnosis is a convenience: the verdict stands without it.
      }
    }
    o.log(line.replace(/[\r\n]+/g, " "));
  }
  function rawHttp(req, url) {
    const names = ["host", "content-type", "x-twilio-signature", "x-twilio-webhooks-signature-settings", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"];
    const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "") || "/";
    let text = `${req.method ?? "POST"} ${path} HTTP/1.1\r\n`;
    for (const n of names) {
      const v = header(req.headers, n);
      if (v !== undefined) text += `${n}: ${v}\r\n`;
    }
    const body = req.rawBody ?? (typeof req.body === "string" ? req.body : "");
    return `${text}\r\n${textOf(body)}`;
  }

  function requestVerifier(...args) {
    const o = settings(args);
    return (req) => check(req, o);
  }

  // Reads the rest of a Node request stream, up to `limit` bytes (then a 413 error, as
  // body-parser gives).
  function readBody(req, limit, done) {
    const chunks = [];
    let size = 0;
    let over = false;
    req.on("data", (c) => {
      if (over) return;
      const bytes = typeof c === "string" ? new TextEncoder().encode(c) : c;
      size += bytes.length;
      if (size > limit) {
        over = true;
        const err = new Error(`request body larger than ${limit} bytes`);
        done(Object.assign(err, { status: 413, statusCode: 413, expose: true, type: "entity.too.large" }));
        return;
      }
      chunks.push(bytes);
    });
    req.on("error", (err) => {
      if (!over) done(err);
    });
    req.on("end", () => {
      if (over) return;
      let n = 0;
      for (const c of chunks) n += c.length;
      const all = typeof Buffer === "function" ? Buffer.alloc(n) : new Uint8Array(n);
      n = 0;
      for (const c of chunks) {
        all.set(c, n);
        n += c.length;
      }
      done(null, all);
    });
  }
  // What Express's parsers would give the handler: form fields (repeated keys as arrays)
  // or parsed JSON; other bodies stay as raw bytes only.
  function parseBody(raw, contentType) {
    const text = textOf(raw);
    if (/^\s*application\/x-www-form-urlencoded/i.test(contentType ?? "")) {
      const out = {};
      for (const [k, v] of new URLSearchParams(text)) {
        if (!Object.hasOwn(out, k)) out[k] = v;
        else if (Array.isArray(out[k])) out[k].push(v);
        else out[k] = [out[k], v];
      }
      return out;
    }
    if (/^\s*application\/([a-z0-9.+-]*\+)?json/i.test(contentType ?? "")) {
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  // Express (and Node's http) middleware, a drop-in for twilio.webhook(options, authToken).
  // It reads the body itself when nothing has (keeping `req.rawBody` and setting `req.body`
  // as express.urlencoded/express.json would); after a body parser, it needs `req.rawBody`
  // (see keepRawBody), else it checks a decoded form body like twilio-node.
  function webhook(...args) {
    const o = settings(args);
    return function twilioWebhook(req, res, next) {
      if (!o.validate) return next();
      const run = () => {
        const v = check(req, o);
        if (v.valid) return next();
        if (o.development) explain(v, req, o);
        res.statusCode = v.status;
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
        res.end(REJECT[v.status]);
      };
      // Unread: no parser has consumed the stream (a parser for another type leaves it).
      const unread = req.rawBody === undefined && !req._body && req.readableEnded === false && typeof req.on === "function";
      if (!unread || req.method === "GET" || req.method === "HEAD") return run();
      readBody(req, o.limit, (err, raw) => {
        if (err) return next(err);
        req.rawBody = raw;
        req.body = parseBody(raw, header(req.headers, "content-type"));
        req._body = true; // body-parser: already read
        run();
      });
    };
  }

  // For body-parser's `verify` option: `express.urlencoded({ extended: false, verify:
  // keepRawBody })` keeps the bytes the signature covers in `req.rawBody`.
  function keepRawBody(req, _res, buf) {
    req.rawBody = buf;
  }

  // Fastify plugin: parses form and JSON bodies itself and keeps the raw bytes in
  // `request.rawBody` (Fastify has no form parser of its own). Registered without
  // encapsulation, so it applies to the routes of the instance that registers it.
  function fastifyRawBody(fastify, _opts, done) {
    const keep = (request, raw, next) => {
      request.rawBody = raw;
      next(null, parseBody(raw, request.headers["content-type"]));
    };
    for (const type of ["application/x-www-form-urlencoded", "application/json"]) {
      if (fastify.hasContentTypeParser(type)) fastify.removeContentTypeParser(type);
      fastify.addContentTypeParser(type, { parseAs: "buffer" }, keep);
    }
    done();
  }
  fastifyRawBody[Symbol.for("skip-override")] = true;

  // Fastify preHandler hook: `fastify.post("/sms", { preHandler: fastifyWebhook(options) }, …)`.
  function fastifyWebhook(...args) {
    const o = settings(args);
    return function twilioWebhook(request, reply, done) {
      if (!o.validate) return done();
      const req = {
        method: request.method,
        url: request.url,
        protocol: request.protocol,
        headers: request.headers,
        rawBody: request.rawBody,
        body: request.body,
      };
      const v = check(req, o);
      if (v.valid) return done();
      if (o.development) explain(v, req, o);
      reply.code(v.status).type("text/plain; charset=utf-8").send(REJECT[v.status]);
    };
  }

  // The Fetch API (Cloudflare Workers, Deno, Bun, service workers): reads a copy of the
  // body, so the handler can still read the request.
  async function verifyFetchRequest(request, ...args) {
    const o = settings(args);
    const raw = new Uint8Array(await request.clone().arrayBuffer());
    const req = { method: request.method, url: request.url, headers: request.headers, rawBody: raw };
    const v = check(req, o);
    if (!v.valid && o.development) explain(v, req, o);
    return v;
  }

  return { requestVerifier, webhook, keepRawBody, fastifyRawBody, fastifyWebhook, verifyFetchRequest };
}
