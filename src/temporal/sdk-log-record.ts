import { types } from 'node:util';
import type { LogEntry, LogMetadata } from '@temporalio/worker';

/**
 * The one SDK warning dropped: the ShipStation worker runs activities only, by design, so every start would
 * print a WARN that reads like a failure. Only this exact text: every other SDK warning still shows.
 */
const BENIGN_WARNINGS = new Set(['No workflows registered, not polling for workflow tasks']);

/** Fields of an error that name what failed without quoting it (no message, stack, details or proto failure). */
const SAFE_ERROR_FIELDS = ['name', 'type', 'nonRetryable', 'category', 'activityType', 'retryState'] as const;

/** Core (Rust) writes a failure as one debug-formatted string under this field: message and stack included. */
const CORE_FAILURE_FIELD = 'failure';

export const OMITTED = '[omitted: may quote customer data; the full failure is in the workflow history]';

export interface SdkLogRecord {
  level: LogEntry['level'];
  message: string;
  meta: Record<string, unknown>;
}

/**
 * An SDK log record as ucship writes it, or undefined to drop it. The worker logs a failing activity, workflow
 * or workflow task with the error itself, and an error's message, stack and details can quote the order
 * (an address the API rejected, a customer name): those are customer data, and logs are shipped and kept with
 * far less care than the workflow history, where the failure is stored whole (encrypted by the payload codec).
 * So errors keep only their class and type names (and the activity and retry state), enough to find the
 * workflow; the ids, activity type and attempt around them stay as they are.
 */
export function sdkLogRecord(entry: Pick<LogEntry, 'level' | 'message' | 'meta'>): SdkLogRecord | undefined {
  if (BENIGN_WARNINGS.has(entry.message)) return undefined;
  return { level: entry.level, message: entry.message, meta: withoutCustomerData(entry.meta ?? {}) };
}

function withoutCustomerData(meta: LogMetadata): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    if (isErrorLike(value)) out[key] = errorSummary(value);
    else if (key === CORE_FAILURE_FIELD && typeof value === 'string') out[key] = OMITTED;
    else out[key] = value;
  }
  return out;
}

/** Errors from workflow code reach the worker from another V8 context (or thread): instanceof Error misses them. */
function isErrorLike(value: unknown): value is Error {
  if (value instanceof Error || types.isNativeError(value)) return true;
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

function errorSummary(err: Error, depth = 0): Record<string, unknown> {
  const fields = err as unknown as Record<string, unknown>;
  const summary: Record<string, unknown> = {};
  for (const field of SAFE_ERROR_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') summary[field] = value;
  }
  if (isErrorLike(err.cause) && depth < 5) summary.cause = errorSummary(err.cause, depth + 1);
  return summary;
}
