import type { z } from 'zod';
import { IntegrationError } from '../errors';
import type { Logger } from '../logger';
import { outcomeOfStatus, type ApiCallObserver } from '../ops/api-calls';
import { ShipStationErrorKind, errorForStatus, errorForTransport } from './errors';
import { type RateLimitGate, readRateLimitHeaders } from './rate-limit';

export interface HttpSettings {
  /** Read per request, so a key rotated in its file is used by the next call. */
  apiKey: () => string;
  apiSecret: () => string;
  timeoutMs: number;
  gate: RateLimitGate;
  /**
   * How many 429s one call absorbs by waiting for the reset (0: throw at once, for Temporal to retry). Waiting
   * inside the call keeps a 429 burst from using up the activity's attempts and growing its backoff.
   */
  retry429: number;
  fetch: typeof fetch;
  logger?: Logger;
  /** Told the outcome of every request, 429s absorbed inside the call included. */
  observe?: ApiCallObserver;
}

export interface HttpRequest<T> {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  body?: unknown;
  /**
   * The body, built only once the rate gate has let the request go, so a batch is cut at the last moment (and
   * keeps filling while the gate is closed). Built once; a 429 retry resends the same body.
   */
  bodyWhenAdmitted?: () => unknown;
  schema: z.ZodType<T>;
  /** Aborts the wait for the rate gate and the request: the activity attempt it was made for is gone. */
  signal?: AbortSignal;
}

/** When a 429 comes without headers, wait a whole window. */
const DEFAULT_RESET_SECONDS = 60;
/** A call stops absorbing 429s past this much time, so it stays well inside the activity's start-to-close timeout. */
const MAX_429_WAIT_MS = 60_000;

export type ShipStationHttp = <T>(req: HttpRequest<T>) => Promise<T>;

/** One JSON call: rate-limit gate, Basic auth, timeout, error mapping and zod on the response. */
export function createHttp(settings: HttpSettings): ShipStationHttp {
  const authorization = () => `Basic ${Buffer.from(`${settings.apiKey()}:${settings.apiSecret()}`).toString('base64')}`;

  return async function call<T>({ method, url, body: givenBody, bodyWhenAdmitted, schema, signal }: HttpRequest<T>): Promise<T> {
    const where = `${method} ${url.pathname}${url.search}`;
    const callStarted = Date.now();
    let body = givenBody;
    for (let attempt = 0; ; attempt += 1) {
      await settings.gate.acquire(signal);
      if (attempt === 0 && bodyWhenAdmitted) {
        try {
          body = bodyWhenAdmitted();
        } catch (err) {
          settings.gate.abandon();
          throw err;
        }
      }
      const started = Date.now();
      let response: Response;
      let text: string;
      try {
        response = await settings.fetch(url, {
          method,
          headers: { authorization: authorization(), accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: signal ? AbortSignal.any([AbortSignal.timeout(settings.timeoutMs), signal]) : AbortSignal.timeout(settings.timeoutMs),
        });
        text = await response.text();
      } catch (err) {
        settings.gate.abandon();
        if (signal?.aborted) throw signal.reason;
        settings.observe?.({ side: 'shipstation', outcome: 'error' });
        throw errorForTransport(err, where, settings.timeoutMs);
      }
      const limits = readRateLimitHeaders(response.headers);
      const rateLimited = response.status === 429;
      settings.observe?.({ side: 'shipstation', outcome: outcomeOfStatus(response.status) });
      settings.gate.release(rateLimited ? { limit: limits?.limit, remaining: 0, resetSeconds: limits?.resetSeconds ?? DEFAULT_RESET_SECONDS } : limits);
      settings.logger?.debug({ method, path: url.pathname, status: response.status, ms: Date.now() - started, remaining: limits?.remaining }, 'shipstation call');

      const retryAfterMs = (limits?.resetSeconds ?? DEFAULT_RESET_SECONDS) * 1000;
      // The gate now holds every caller until the reset: waiting there is the retry.
      if (rateLimited && attempt < settings.retry429 && Date.now() - callStarted + retryAfterMs <= MAX_429_WAIT_MS) continue;
      if (!response.ok) {
        throw errorForStatus(response.status, text, where, retryAfterMs);
      }
      return parseResponse(text, schema, where);
    }
  };
}

function parseResponse<T>(text: string, schema: z.ZodType<T>, where: string): T {
  let json: unknown;
  try {
    json = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    throw new IntegrationError(ShipStationErrorKind.BadResponse, `ShipStation answered ${where} with something that is not JSON`, { retryable: false });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new IntegrationError(ShipStationErrorKind.BadResponse, `ShipStation's answer to ${where} has an unexpected shape: ${issues.join('; ')}`, {
      retryable: false,
    });
  }
  return parsed.data;
}
