import type { z } from 'zod';
import { IntegrationError } from '../../errors';
import type { LiveSecret } from '../../secrets';
import type { GateLane, UltraCartGate } from '../gate';
import { errorForStatus, errorForTransport, errorMessage, type RestCallContext } from './errors';
import { API_VERSION, HEADERS } from './schemas';

export interface RestHttpSettings {
  baseUrl: string;
  /** Read per request: a key rotated in ULTRACART_API_KEY_FILE is used by the next one. */
  apiKey: LiveSecret;
  merchantId: string;
  dcCode: string;
  timeoutMs: number;
  gate: UltraCartGate;
  fetch?: typeof fetch;
}

export interface RestRequest<T> {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  /** Names the call in errors, e.g. `acknowledge (3 orders)`. */
  what: string;
  body?: unknown;
  /** The gate's lane (default import). */
  lane?: GateLane;
  /** The call serves several activity attempts (a batch, a lookup several orders wait on). */
  shared?: boolean;
  /** Undefined: success is 204 No Content. */
  schema?: z.ZodType<T>;
}

export type RestHttp = <T>(req: RestRequest<T>) => Promise<T>;

/** Seconds or an HTTP date; UltraCart documents no Retry-After, but honour one when it comes. */
function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** One JSON call through the gate: version header, simple key, timeout, the error envelope, zod on the answer. */
export function createRestHttp(settings: RestHttpSettings): RestHttp {
  const doFetch = settings.fetch ?? fetch;
  return async function call<T>(req: RestRequest<T>): Promise<T> {
    const apiKey = settings.apiKey();
    const ctx: RestCallContext = { where: req.what, merchantId: settings.merchantId, dcCode: settings.dcCode, apiKey };
    return settings.gate.run(req.what, async () => {
      let response: Response;
      let text: string;
      try {
        response = await doFetch(`${settings.baseUrl}${req.path}`, {
          method: req.method,
          headers: {
            [HEADERS.version]: API_VERSION,
            [HEADERS.simpleKey]: apiKey,
            accept: 'application/json',
            ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
        text = await response.text();
      } catch (err) {
        throw errorForTransport(err, ctx, settings.timeoutMs);
      }
      if (response.status === 429) {
        return { rateLimited: true, retryAfterMs: retryAfterMs(response.headers), message: errorMessage(429, response.headers, text) };
      }
      if (!response.ok) throw errorForStatus(response.status, errorMessage(response.status, response.headers, text), ctx);
      return { rateLimited: false, value: parse(text, req, response.status) };
    }, req.lane, req.shared);
  };
}

function parse<T>(text: string, req: RestRequest<T>, status: number): T {
  const bad = (detail: string) => new IntegrationError('UltraCartBadResponse', `UltraCart ${req.what} failed: unexpected response (${detail})`, { retryable: true });
  if (req.schema === undefined) {
    if (status !== 204 && text.trim() !== '') {
      // A 200 with a body where 204 is documented: accept it only if it says success.
      try {
        if ((JSON.parse(text) as { success?: unknown }).success === true) return undefined as T;
      } catch {
        // fall through
      }
      throw bad(`HTTP ${status} with a body where 204 was expected`);
    }
    return undefined as T;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad('not JSON');
  }
  const parsed = req.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
