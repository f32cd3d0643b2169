import { IntegrationError } from '../../errors';
import { errorResponseSchema, HEADERS } from './schemas';

/** Who was calling: what a message names, and the one secret that must never appear. */
export interface RestCallContext {
  where: string;
  merchantId: string;
  dcCode: string;
  apiKey: string;
}

export function redact(text: string, secret: string): string {
  return secret === '' ? text : text.split(secret).join('[redacted]');
}

/**
 * UltraCart's message of an error answer: the envelope's developer (else user) message, else the
 * `UC-REST-ERROR` header, else the status. Both places are read because proxies and some errors keep only one.
 */
export function errorMessage(status: number, headers: Headers, body: string): string {
  let fromBody: string | undefined;
  try {
    const parsed = errorResponseSchema.safeParse(JSON.parse(body));
    if (parsed.success) fromBody = parsed.data.error.developer_message || parsed.data.error.user_message;
  } catch {
    // not JSON: the header (or the status) says it
  }
  return fromBody || headers.get(HEADERS.error) || `HTTP ${status}`;
}

/**
 * The documented statuses: 400 bad input (a missing object too, never 404), 401 bad credentials, 410 the
 * application disabled by UltraCart, 429 the rate limit (the gate waits those out before one gets here), 500.
 */
export function errorForStatus(status: number, message: string, ctx: RestCallContext): IntegrationError {
  const text = redact(message, ctx.apiKey).slice(0, 500);
  const fail = (kind: string, detail: string, retryable: boolean, retryAfterMs?: number) =>
    new IntegrationError(kind, `UltraCart ${ctx.where} failed: ${detail}`, { retryable, retryAfterMs });
  switch (status) {
    case 400:
      return fail('UltraCartRequestRejected', text, false);
    case 401:
      return fail(
        'UltraCartAuthenticationFailed',
        `UltraCart rejected the simple key of merchant ${ctx.merchantId}, distribution center ${ctx.dcCode} (check ULTRACART_API_KEY and the key's IP restriction): ${text}`,
        false,
      );
    case 403:
      return fail('UltraCartAuthenticationFailed', `the simple key may not do this (check ULTRACART_API_KEY's permissions): ${text}`, false);
    case 410:
      return fail('UltraCartApplicationDisabled', `UltraCart disabled the application of ULTRACART_API_KEY (HTTP 410; ask UltraCart support): ${text}`, false);
    case 429:
      return fail('UltraCartRateLimited', `rate limited: ${text}`, true);
    default:
      return fail(status >= 500 ? 'UltraCartServerError' : 'UltraCartHttpError', `HTTP ${status}: ${text}`, status >= 500 || status === 408);
  }
}

export function errorForTransport(err: unknown, ctx: RestCallContext, timeoutMs: number): IntegrationError {
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new IntegrationError('UltraCartTimeout', `UltraCart ${ctx.where} failed: no answer within ${timeoutMs} ms`, { retryable: true });
  }
  const code = e?.cause?.code ? `${e.cause.code}: ` : '';
  return new IntegrationError('UltraCartUnavailable', `UltraCart ${ctx.where} failed: ${code}${redact(String(e?.message ?? err), ctx.apiKey).slice(0, 300)}`, { retryable: true });
}
