import { IntegrationError } from '../../errors';

/** Who was calling, so a message can name the merchant and DC, and the one secret that must never appear. */
export interface CallContext {
  operation: string;
  merchantId: string;
  dcCode: string;
  accessKey: string;
  orderId?: string;
}

/** The parts of an npm soap / axios failure this mapping reads; everything else (request body, config) is dropped. */
interface SoapFailure {
  message?: unknown;
  code?: unknown;
  root?: { Envelope?: { Body?: { Fault?: { faultcode?: unknown; faultstring?: unknown } } } };
  response?: { status?: unknown };
  Fault?: { faultstring?: unknown };
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const RETRYABLE_HTTP = (status: number) => status >= 500 || status === 429 || status === 408;

/**
 * Turns anything npm soap rejects with into the one IntegrationError. The original error is deliberately not
 * kept as `cause`: npm soap and axios attach the request (whose credentials hold the access key) to it.
 */
export function toIntegrationError(err: unknown, ctx: CallContext): IntegrationError {
  if (err instanceof IntegrationError) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SoapFailure;
  const clean = (text: unknown) => redact(String(text ?? ''), ctx.accessKey).slice(0, 500);
  const where = `UltraCart ${ctx.operation}${ctx.orderId === undefined ? '' : ` (order ${ctx.orderId})`}`;
  const fail = (kind: string, detail: string, retryable: boolean) => new IntegrationError(kind, `${where} failed: ${detail}`, { retryable });

  const fault = e.root?.Envelope?.Body?.Fault;
  if (fault) {
    const code = clean(fault.faultcode);
    const text = clean(fault.faultstring);
    if (code.endsWith('AuthenticationFailed')) {
      return new IntegrationError(
        'UltraCartAuthenticationFailed',
        `${where} failed: UltraCart rejected the credentials of merchant ${ctx.merchantId}, distribution center ${ctx.dcCode} (check the access key and that the DC uses the SOAP transport)`,
        { retryable: false },
      );
    }
    if (code.endsWith('UnknownOrder')) return fail('UltraCartUnknownOrder', text, false);
    // SOAP 1.1: a Client fault means this request can never succeed as sent; a Server fault may pass on retry.
    if (/(^|:)Client(\.|$)/.test(code)) return fail('UltraCartRequestRejected', `${code}: ${text}`, false);
    return fail('UltraCartFault', `${code}: ${text}`, true);
  }
  const status = typeof e.response?.status === 'number' ? e.response.status : undefined;
  if (status !== undefined && status >= 400) return fail('UltraCartHttpError', `HTTP ${status}`, RETRYABLE_HTTP(status));
  // An answer arrived but npm soap could not read it (not XML, not SOAP).
  if (status !== undefined || e.Fault) return fail('UltraCartBadResponse', `unreadable response (${clean(e.Fault?.faultstring ?? e.message)})`, true);
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code !== undefined && TIMEOUT_CODES.has(code)) return fail('UltraCartTimeout', clean(e.message), true);
  if (code !== undefined) return fail('UltraCartUnavailable', `${code}: ${clean(e.message)}`, true);
  return fail('UltraCartCallFailed', clean(e.message), true);
}

function redact(text: string, secret: string): string {
  return secret === '' ? text : text.split(secret).join('[redacted]');
}
