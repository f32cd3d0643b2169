import type { ActivityOptions } from '@temporalio/workflow';
import { isCredentialRefusalKind } from '../errors';

/**
 * Retry policies, written down per kind of activity. Non-retryable errors come from the clients as
 * IntegrationError{retryable:false} and reach Temporal as non-retryable ApplicationFailures:
 *   UltraCart: bad credentials (AuthenticationFailed), unknown order.
 *   ShipStation: 401 bad API key, 400 validation (ModelState), 404, resource_url on a foreign host.
 * (Bad credentials stop the activity at once but only make the order wait: see failureKind.)
 * Everything else (timeouts, HTTP 5xx, SOAP server faults, connection errors, 429) is retried with backoff;
 * a 429 retries after the rate-limit window the response named (ApplicationFailure nextRetryDelay).
 * Attempts are bounded. What the order does when a step's failure survives its policy is decided in one place,
 * failureKind below: a refusal parks for a person, a transient exhaustion (or a refused credential) parks as
 * `retrying` and resumes by itself on RESUME_BACKOFF.
 */

/**
 * Every activity heartbeats while it runs (src/activities/heartbeat.ts): when its worker dies, the attempt is
 * retried after this long instead of after the whole start-to-close timeout (which stalled the scheduled ingest,
 * overlap "skip", for 2 minutes after a worker was killed mid-batch).
 */
export const ACTIVITY_HEARTBEAT_TIMEOUT = '10 seconds';

/** UltraCart: ~10 attempts over ~8 minutes (1 s doubling to 1 min). */
const ULTRACART_RETRY = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 } as const;

export const ULTRACART_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: ACTIVITY_HEARTBEAT_TIMEOUT,
  retry: ULTRACART_RETRY,
};

/**
 * ShipStation REST: 25 attempts (~40 minutes of backoff at the 2-minute cap), as a shared 40/min key can stay
 * busy for a while and 429 bursts use attempts quickly; each attempt may wait for a free slot on the ShipStation
 * queue, so the schedule-to-start wait is not bounded here. A poll that runs out of attempts does not park the
 * order. An attempt's time includes its turns in the rate gate's queue, where every slot of the ShipStation
 * worker may wait with it, each taking turns call by call: cut short, every attempt of a long queue would time
 * out before its last call, and the queue would never drain. The heartbeat, not this, finds a dead worker, and
 * each request has its own timeout.
 */
export const SHIPSTATION_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: ACTIVITY_HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 25 },
};

/**
 * The same attempts as a local activity (import, mark-Imported): a marker in history instead of six events.
 * A retry that waits longer than a couple of seconds waits on a workflow timer, not inside the workflow task,
 * so an unwell UltraCart never holds the worker's workflow-task slots.
 */
export const ULTRACART_LOCAL_ACTIVITY = {
  startToCloseTimeout: '2 minutes',
  localRetryThreshold: '2 seconds',
  retry: ULTRACART_RETRY,
} as const;

/** Pure mapping runs as a local activity (a marker in history, no task round trip); a failure is a bug to park on. */
export const MAPPING_ACTIVITY = {
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
} as const;

/** The ShipStation activities' own task queue: a few slots, paced to the API's budget by the client. */
export const shipStationTaskQueue = (taskQueue: string): string => `${taskQueue}-shipstation`;

/**
 * Reconciliation's ShipStation listing waits for calls nobody else needs (up to 30 minutes), so its attempt may
 * run long; a run that fails is simply tried again by the next Schedule run.
 */
export const RECONCILE_FIND_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '40 minutes',
  heartbeatTimeout: ACTIVITY_HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 3 },
};

/**
 * The shipment sweep's pages each wait a while for calls the orders do not need, so an attempt may run long;
 * a run that fails is covered by the next, which looks back over it.
 */
export const SHIPMENT_SWEEP_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: ACTIVITY_HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 3 },
};

/**
 * The ingest's drain reads batch after batch, each waiting for its acknowledgements (up to 90 s), for up to
 * 10 minutes; a retried attempt starts over, which the sightings make safe.
 */
export const INGEST_DRAIN_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: ACTIVITY_HEARTBEAT_TIMEOUT,
  retry: ULTRACART_RETRY,
};

/** Signals, starts and visibility reads on Temporal (plus an UltraCart lookup per orphan). */
export const OPS_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: ACTIVITY_HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
};

/** An alert webhook that stays down for ~5 minutes loses that message (counted, logged); no order ever waits on it. */
export const ALERT_DELIVERY_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 6 },
};

/**
 * What a step's final failure means for the order:
 * - `refused`: the call can never succeed as sent (no ship-to, invalid data, a locked or unknown order): park
 *   and wait for a person;
 * - `transient`: the attempts ran out on faults that may pass (timeouts, 5xx, 429, SOAP server faults): park as
 *   `retrying` and resume by itself.
 * A refused credential is transient for the order: the order itself is fine, and the key is fixed (or rotated
 * in its file) without touching the order, so it waits as `retrying` instead of needing a person per order.
 * The clients still mark it non-retryable, so the activity stops at once (no retry storm on a dead key) and
 * the order waits on RESUME_BACKOFF; the alerts workflow wakes it when the key works again.
 * `type` is the ApplicationFailure type (the clients' error kind), so one failure type can be moved between the
 * two here without touching the clients.
 */
export type FailureKind = 'refused' | 'transient';
export function failureKind(failure: { nonRetryable: boolean; type: string | undefined }): FailureKind {
  if (isCredentialRefusalKind(failure.type)) return 'transient';
  return failure.nonRetryable ? 'refused' : 'transient';
}

/** After a transient exhaustion: the first automatic retry 5 minutes later, doubling to one an hour. */
export const RESUME_BACKOFF = { initialMs: 5 * 60_000, maximumMs: 60 * 60_000 } as const;
export const nextResumeDelayMs = (previousMs: number | undefined): number =>
  previousMs === undefined ? RESUME_BACKOFF.initialMs : Math.min(previousMs * 2, RESUME_BACKOFF.maximumMs);
