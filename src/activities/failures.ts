import { ApplicationFailure } from '@temporalio/common';
import { IntegrationError } from '../errors';
import { InvalidOrderError } from '../ultracart/order-schema';

/**
 * Turns the clients' errors into the ApplicationFailures Temporal's retry policies act on: non-retryable
 * ones stop at once, a 429 retries after the window it named. Other errors stay retryable.
 */
export function toFailure(err: unknown): unknown {
  if (err instanceof IntegrationError) {
    return ApplicationFailure.create({
      type: err.kind,
      message: err.message,
      nonRetryable: !err.retryable,
      nextRetryDelay: err.retryAfterMs,
    });
  }
  if (err instanceof InvalidOrderError) {
    return ApplicationFailure.create({ type: 'InvalidOrder', message: err.message, nonRetryable: true });
  }
  return err;
}
