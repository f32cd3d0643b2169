/**
 * The one error type the clients throw for a failed call to UltraCart or ShipStation. Activities turn it into
 * a Temporal ApplicationFailure: `retryable: false` becomes non-retryable, `retryAfterMs` becomes the next
 * retry delay (a 429's reset window). Messages never contain secrets.
 */
export class IntegrationError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** A short stable name for the failure, used as the ApplicationFailure type (e.g. `UltraCartAuthenticationFailed`). */
  readonly kind: string;

  constructor(kind: string, message: string, opts: { retryable: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'IntegrationError';
    this.kind = kind;
    this.retryable = opts.retryable;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** The kinds that mean "this side refused our credentials" (expired, rotated, revoked), on either side. */
export const CREDENTIAL_REFUSAL_KINDS: readonly string[] = ['UltraCartAuthenticationFailed', 'ShipStationAuthenticationFailed'];
export const isCredentialRefusalKind = (kind: string | null | undefined): boolean => kind != null && CREDENTIAL_REFUSAL_KINDS.includes(kind);
