import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import {
  ORDER_WORKFLOW,
  OrderStageKey,
  orderWorkflowId,
  orderWorkflowStart,
  requeueSignal,
  sightingSignal,
  statusQuery,
  type CarriedOrder,
  type OrderMemory,
  type OrderResult,
  type OrderStartSettings,
  type OrderWorkflow,
  type RequeueRequest,
} from '../contract';
import { mapConcurrently } from '../util/map-concurrently';

/** What telling an order's workflow about a sighting came to. */
export type SightingOutcome = 'started' | 'signalled' | 'in_progress';

/**
 * Tells an order's workflow that the order was seen queued in UltraCart (`request.seenAt`, from the ingest) or
 * that a person asked for a re-import (no `seenAt`): the one way the ingest and the CLI reach an order.
 * - no workflow: start one, the sighting in its input (no signal opens its history); tried first, in one call;
 * - running and importing or retrying: the pass under way reads UltraCart and acknowledges, so a sighting is
 *   the same queue entry and nothing is sent (a person's request always is);
 * - running otherwise: a `sighting` (or `requeue`) signal;
 * - closed: a new run that carries what the last one knew, so nothing is created or written back twice.
 */
export async function sightOrder(client: Client, config: OrderStartSettings, orderId: string, request: RequeueRequest): Promise<SightingOutcome> {
  const handle = client.workflow.getHandle<OrderWorkflow>(orderWorkflowId(config.ultracart.merchantId, orderId));
  const signal = () => handle.signal(request.seenAt === undefined ? requeueSignal : sightingSignal, request);
  // Most sightings are of orders never seen before (a backlog): one start that only succeeds if the id was never
  // used answers that in one call; only an order Temporal already knows pays for the describe below.
  if (await startIfNew(client, config, orderId, request)) return 'started';
  const description = await describe(handle);
  if (description?.status.name === 'RUNNING') {
    const stage = description.typedSearchAttributes.get(OrderStageKey);
    if (request.seenAt !== undefined && (stage === undefined || stage === 'importing' || stage === 'retrying')) return 'in_progress';
    await signal();
    return 'signalled';
  }
  const memory = description ? await lastMemory(handle, description) : undefined;
  const carried: CarriedOrder | undefined = memory ? { memory } : undefined;
  try {
    await client.workflow.start<OrderWorkflow>(ORDER_WORKFLOW, orderWorkflowStart(config, orderId, request, carried));
    return 'started';
  } catch (err) {
    // Another ingest run (or the CLI) started it a moment ago.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    await signal();
    return 'signalled';
  }
}

/** Many sightings, `concurrency` at a time (a batch of the ingest); the outcomes in the sightings' order. */
export function sightOrders(client: Client, config: OrderStartSettings, sightings: ReadonlyArray<{ orderId: string; request: RequeueRequest }>, concurrency: number): Promise<SightingOutcome[]> {
  return mapConcurrently(sightings, concurrency, ({ orderId, request }) => sightOrder(client, config, orderId, request));
}

type OrderHandle = ReturnType<Client['workflow']['getHandle']>;

/** Starts the order's first run; false when its id is taken (running, or a closed run whose memory must carry over). */
async function startIfNew(client: Client, config: OrderStartSettings, orderId: string, request: RequeueRequest): Promise<boolean> {
  try {
    await client.workflow.start<OrderWorkflow>(ORDER_WORKFLOW, { ...orderWorkflowStart(config, orderId, request), workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

async function describe(handle: OrderHandle): Promise<WorkflowExecutionDescription | undefined> {
  try {
    return await handle.describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/** What a closed run knew: its result, or (failed, terminated) its last status. */
async function lastMemory(handle: OrderHandle, description: WorkflowExecutionDescription): Promise<OrderMemory | undefined> {
  if (description.status.name === 'COMPLETED') {
    const result = (await handle.result()) as OrderResult;
    if (result.memory) return result.memory;
  }
  try {
    const status = await handle.query(statusQuery);
    return {
      shipStationOrderId: status.shipStationOrderId,
      acknowledgedAtMs: status.acknowledgedAt === undefined ? undefined : Date.parse(status.acknowledgedAt),
      writtenBack: status.writtenBack,
      known: [],
      lines: [],
      attempts: status.attempts,
      reason: status.reason,
      lastError: status.lastError,
      retryDelayMs: undefined,
    };
  } catch {
    return undefined; // a run too old to answer: the next one starts afresh, its upsert finds the order by key
  }
}
