import { IntegrationError, isCredentialRefusalKind } from '../errors';

/**
 * What every call to UltraCart or ShipStation tells the process (metrics, the credential watch). Carries the
 * side and the outcome only: never a URL, an order or a secret.
 */
export type ApiSide = 'shipstation' | 'ultracart';
export type ApiOutcome = 'ok' | 'rate_limited' | 'refused' | 'error';
export interface ApiCall {
  side: ApiSide;
  outcome: ApiOutcome;
}
export type ApiCallObserver = (call: ApiCall) => void;

/** One observer out of several; an observer that throws never fails the call it watches. */
export function allObservers(...list: Array<ApiCallObserver | undefined>): ApiCallObserver {
  const present = list.filter((o): o is ApiCallObserver => o !== undefined);
  return (call) => {
    for (const observe of present) {
      try {
        observe(call);
      } catch {
        // metrics and alerts are never worth a failed order
      }
    }
  };
}

/** The outcome of an HTTP status: 401/403 mean the credentials were refused. */
export function outcomeOfStatus(status: number): ApiOutcome {
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'refused';
  return status < 400 ? 'ok' : 'error';
}

/** A client's error that says the credentials were refused, on either side. */
export const isCredentialRefusal = (err: unknown): boolean => err instanceof IntegrationError && isCredentialRefusalKind(err.kind);

/**
 * Wraps every method of a client so each call reports its outcome. Errors that are not IntegrationErrors (an
 * order's invalid data) mean the call itself went through.
 */
export function observeClient<T extends object>(client: T, side: ApiSide, observe: ApiCallObserver): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(client)) {
    if (typeof fn !== 'function') {
      wrapped[name] = fn;
      continue;
    }
    wrapped[name] = async (...args: unknown[]) => {
      try {
        const result = await (fn as (...a: unknown[]) => Promise<unknown>).apply(client, args);
        observe({ side, outcome: 'ok' });
        return result;
      } catch (err) {
        const outcome: ApiOutcome = isCredentialRefusal(err) ? 'refused' : err instanceof IntegrationError ? (/RateLimit|429/.test(err.kind) ? 'rate_limited' : 'error') : 'ok';
        observe({ side, outcome });
        throw err;
      }
    };
  }
  return wrapped as T;
}
