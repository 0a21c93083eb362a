// Declarations of `twilio-webhook-inspector/verify` (copied into pkg/verify/ by
// scripts/npm-build.sh). The result and option types are the full entry's, generated from
// the Rust types: one definition for both entries.
import type { VerifyOptions, VerifyResult } from "../node/twilio_webhook_inspector.js";

export type {
  Candidate,
  Matched,
  SignatureAlgorithm,
  VerifyOptions,
  VerifyReason,
  VerifyResult,
} from "../node/twilio_webhook_inspector.js";

/**
 * Verifies `X-Twilio-Signature` on the body exactly as received (the same function as the
 * full entry's). `authTokens` is one token or several (primary, secondary, sub-account,
 * or SharedKey secrets); `rawBody` is the raw body, form-encoded or JSON.
 */
export function verifySignature(
  authTokens: string | string[],
  signature: string | null | undefined,
  url: string,
  rawBody: string | Uint8Array,
  options?: VerifyOptions | null,
): VerifyResult;

/** twilio-node's `validateRequest`: the signature over `url` plus the decoded `params`. */
export function validateRequest(
  authToken: string,
  signature: string | null | undefined,
  url: string,
  params: Record<string, string | string[]> | null | undefined,
): boolean;

/** twilio-node's `validateRequestWithBody`: a JSON webhook, signed through `bodySHA256`. */
export function validateRequestWithBody(
  authToken: string,
  signature: string | null | undefined,
  url: string,
  body: string | Uint8Array,
): boolean;

/** twilio-node's `getExpectedTwilioSignature` (HMAC-SHA1, base64). */
export function getExpectedTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string | string[]>,
): string;

/** twilio-node's `getExpectedBodyHash`: the lower-case hex SHA-256 of the body. */
export function getExpectedBodyHash(body: string | Uint8Array): string;

/** twilio-node's `validateBody`: true when `bodyHash` is the body's `getExpectedBodyHash`. */
export function validateBody(body: string | Uint8Array, bodyHash: string): boolean;

/** Headers as Node gives them (lower-case names) or a Fetch API `Headers`. */
export type WebhookHeaders =
  | Record<string, string | string[] | undefined>
  | { get(name: string): string | null };

/** What the middleware reads of a request. */
export interface WebhookRequest {
  method?: string;
  /** Path and query as received (or the absolute URL, as the Fetch API gives it). */
  url?: string;
  /** Express's path and query as received (preferred over `url`). */
  originalUrl?: string;
  /** `http` or `https`, as the framework sees the connection. */
  protocol?: string;
  headers: WebhookHeaders;
  /** The body exactly as received: what the signature covers. */
  rawBody?: string | Uint8Array;
  /** A body some parser decoded (used only when `rawBody` is missing). */
  body?: unknown;
}

/** Options of the middleware (the same as twilio-node's `webhook()`, plus a few). */
export interface WebhookOptions {
  /** The auth token (default: `TWILIO_AUTH_TOKEN` from the environment). */
  authToken?: string;
  /** Several tokens or SharedKey secrets; any of them may have signed. */
  authTokens?: string[];
  /** The full URL Twilio requests (with the query), or a function of the request. */
  url?: string | ((req: WebhookRequest) => string);
  /** The scheme Twilio uses (`https`), when the server sees another one. */
  protocol?: string;
  /** The public host (and port) Twilio uses. */
  host?: string;
  /** Opt-in: take the scheme and host from `X-Forwarded-Proto` / `X-Forwarded-Host`. */
  trustForwardedHeaders?: boolean;
  /** `false` skips the check (twilio-node's option). */
  validate?: boolean;
  /** Log a one-line diagnosis of each rejected request (default: NODE_ENV=development). */
  development?: boolean;
  /** Where the diagnosis goes (default: `console.warn`). */
  log?: (line: string) => void;
  /** `webhook()` reading the body itself: the most bytes it accepts (default 1 MiB; more: a 413 error). */
  limit?: number;
}

/** The answer for one request. */
export interface WebhookVerdict {
  valid: boolean;
  /** 200 when valid; else what the middleware answers: 400 (no signature), 500 (no token), 403. */
  status: 200 | 400 | 403 | 500;
  reason: VerifyResult["reason"] | "no-raw-body";
  /** The URL that was checked. */
  url: string;
  /** The signature check's result (`null` when it did not run). */
  result: VerifyResult | null;
}

/** A Node-style response (Express's and Node's `http` both fit). */
export interface WebhookResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

/** The plain `(req) => verdict` the middleware is built on. */
export function requestVerifier(
  options?: WebhookOptions | string,
  authToken?: WebhookOptions | string,
): (req: WebhookRequest) => WebhookVerdict;

/**
 * Express (or Node `http`) middleware, a drop-in for twilio-node's `webhook()`. Put it
 * before the body parsers (it reads the body, keeps `req.rawBody` and sets `req.body`), or
 * keep the raw body with `keepRawBody`.
 */
export function webhook(
  options?: WebhookOptions | string,
  authToken?: WebhookOptions | string,
): (req: any, res: WebhookResponse, next: (err?: unknown) => void) => void;

/** For body-parser's `verify` option: keeps the raw body in `req.rawBody`. */
export function keepRawBody(req: any, res: unknown, buf: Uint8Array): void;

/** Fastify plugin: form and JSON parsers that keep the raw body in `request.rawBody`. */
export function fastifyRawBody(fastify: any, options: unknown, done: (err?: Error) => void): void;

/** Fastify `preHandler` hook answering 400/403/500 like `webhook()`. */
export function fastifyWebhook(
  options?: WebhookOptions | string,
  authToken?: WebhookOptions | string,
): (request: any, reply: any, done: (err?: Error) => void) => void;

/** What `verifyFetchRequest` reads of a Fetch API `Request`. */
export interface FetchRequest {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
  clone(): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** The Fetch API (Workers, Deno, Bun): reads a copy of the body and verifies it. */
export function verifyFetchRequest(
  request: FetchRequest,
  options?: WebhookOptions | string,
  authToken?: WebhookOptions | string,
): Promise<WebhookVerdict>;
