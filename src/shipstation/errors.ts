import { IntegrationError } from '../errors';
import { errorBodySchema } from './schemas';

/** The `kind` of every IntegrationError the ShipStation client throws. */
export const ShipStationErrorKind = {
  RateLimited: 'ShipStationRateLimited',
  Validation: 'ShipStationValidationFailed',
  Authentication: 'ShipStationAuthenticationFailed',
  NotFound: 'ShipStationNotFound',
  Rejected: 'ShipStationRequestRejected',
  Server: 'ShipStationServerError',
  Timeout: 'ShipStationTimeout',
  Unreachable: 'ShipStationUnreachable',
  BadResponse: 'ShipStationBadResponse',
  InvalidRequest: 'ShipStationInvalidRequest',
  ForeignResourceUrl: 'ShipStationForeignResourceUrl',
} as const;

/** `where` is "METHOD /path?query": never the origin's credentials or any header. */
export function errorForStatus(status: number, bodyText: string, where: string, retryAfterMs: number): IntegrationError {
  const body = parseErrorBody(bodyText);
  const detail = body?.Message ?? body?.message;
  if (status === 429) {
    return new IntegrationError(ShipStationErrorKind.RateLimited, `ShipStation rate limit reached on ${where}; retry in ${retryAfterMs} ms`, {
      retryable: true,
      retryAfterMs,
    });
  }
  if (status === 400) {
    const messages = Object.values(body?.ModelState ?? {}).flat();
    const why = messages.length > 0 ? messages.map((m) => `"${m}"`).join('; ') : (detail ?? 'no details');
    return new IntegrationError(ShipStationErrorKind.Validation, `ShipStation refused ${where}: ${why}`, { retryable: false });
  }
  if (status === 401 || status === 403) {
    return new IntegrationError(ShipStationErrorKind.Authentication, `ShipStation rejected the API key and secret (HTTP ${status} on ${where}): check SHIPSTATION_API_KEY and SHIPSTATION_API_SECRET`, { retryable: false });
  }
  if (status === 404) {
    return new IntegrationError(ShipStationErrorKind.NotFound, `ShipStation has no such resource: ${where}`, { retryable: false });
  }
  if (status >= 500) {
    const exception = body?.ExceptionMessage ? ` (${body.ExceptionMessage})` : '';
    return new IntegrationError(ShipStationErrorKind.Server, `ShipStation failed on ${where}: HTTP ${status} ${detail ?? ''}${exception}`.trim(), {
      retryable: true,
    });
  }
  return new IntegrationError(ShipStationErrorKind.Rejected, `ShipStation answered HTTP ${status} on ${where}${detail ? `: ${detail}` : ''}`, { retryable: false });
}

/** A fetch that never produced a response: timeout or connection failure, both worth retrying. */
export function errorForTransport(err: unknown, where: string, timeoutMs: number): IntegrationError {
  const e = err as { name?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new IntegrationError(ShipStationErrorKind.Timeout, `ShipStation did not answer ${where} within ${timeoutMs} ms`, { retryable: true });
  }
  const code = e.cause?.code ? ` (${e.cause.code})` : '';
  return new IntegrationError(ShipStationErrorKind.Unreachable, `ShipStation could not be reached for ${where}${code}`, { retryable: true });
}

function parseErrorBody(text: string) {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
