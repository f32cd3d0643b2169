import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { IngestRunReport } from '../src/workflows/ingest';
import { quantile, round } from './stats';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * Where an order's time went, from its own history: each phase of the happy path, waiting (scheduled → started:
 * a free slot, a poll, the CPU) apart from running. The limit-off row reports these for a sample of orders.
 */
export const PHASES = [
  "queued → workflow started (its batch's turn)",
  'import task: waiting',
  'import task: import + map (local)',
  'createorders: waiting',
  'createorders: batch and call',
  'mark-Imported task: waiting',
  'mark-Imported task: running (local, batched)',
  'label → write-back task started',
  'write-back: waiting',
  'write-back: running',
  'watch period and completion',
] as const;
export type Phase = (typeof PHASES)[number];

const ms = (e: HistoryEvent | undefined): number | undefined =>
  e?.eventTime?.seconds == null ? undefined : Number(e.eventTime.seconds) * 1000 + Math.floor((e.eventTime.nanos ?? 0) / 1e6);

/** The phases of one happy-path history (undefined for one that went another way: a retry, a park). */
export function orderPhases(events: HistoryEvent[], queuedAtMs: number): Partial<Record<Phase, number>> | undefined {
  const tasks = { scheduled: events.filter((e) => e.workflowTaskScheduledEventAttributes), started: events.filter((e) => e.workflowTaskStartedEventAttributes), completed: events.filter((e) => e.workflowTaskCompletedEventAttributes) };
  const activity = (name: string) => {
    const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === name);
    const id = scheduled?.eventId?.toString();
    const started = events.find((e) => e.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === id);
    const completed = events.find((e) => e.activityTaskCompletedEventAttributes?.scheduledEventId?.toString() === id);
    return { scheduled: ms(scheduled), started: ms(started), completed: ms(completed) };
  };
  const upsert = activity('upsertShipStationOrder');
  const writeBack = activity('writeBack');
  const signalled = ms(events.find((e) => e.workflowExecutionSignaledEventAttributes));
  const end = ms(events[events.length - 1]);
  const [wt1, wt2] = [0, 1].map((i) => ({ scheduled: ms(tasks.scheduled[i]), started: ms(tasks.started[i]), completed: ms(tasks.completed[i]) }));
  const points = [ms(events[0]), wt1.started, wt1.completed, upsert.started, upsert.completed, wt2.started, wt2.completed, writeBack.scheduled, writeBack.started, writeBack.completed, end, signalled];
  if (points.some((p) => p === undefined) || tasks.completed.length < 4) return undefined;
  const at = points as number[];
  return {
    "queued → workflow started (its batch's turn)": at[0] - queuedAtMs,
    'import task: waiting': at[1] - (wt1.scheduled as number),
    'import task: import + map (local)': at[2] - at[1],
    'createorders: waiting': at[3] - (upsert.scheduled as number),
    'createorders: batch and call': at[4] - at[3],
    'mark-Imported task: waiting': at[5] - (wt2.scheduled as number),
    'mark-Imported task: running (local, batched)': at[6] - at[5],
    // The simulator makes the label at once: from the later of the label's signal and the acknowledgement.
    'label → write-back task started': at[7] - Math.max(at[6], at[11]),
    'write-back: waiting': at[8] - at[7],
    'write-back: running': at[9] - at[8],
    'watch period and completion': at[10] - at[9],
  };
}


/** Mean, p50 and p90 per phase, in ms, over up to `sample` completed orders' histories. */
export async function stageTimings(client: Client, query: string, queuedAtMs: number, sample: number) {
  const phases: Array<Partial<Record<Phase, number>>> = [];
  const runs: Array<{ workflowId: string; runId: string }> = [];
  for await (const wf of client.workflow.list({ query })) runs.push(wf);
  // Spread over the run: the first batches and the last ones wait differently.
  const every = Math.max(1, Math.floor(runs.length / sample));
  for (const wf of runs.filter((_, i) => i % every === 0).slice(0, sample)) {
    const history = await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
    const p = orderPhases(history.events ?? [], queuedAtMs);
    if (p) phases.push(p);
  }
  const table: Record<string, { mean: number; p50: number; p90: number }> = {};
  for (const phase of PHASES) {
    const values = phases.map((p) => p[phase] as number).sort((a, b) => a - b);
    if (values.length === 0) continue;
    table[phase] = { mean: round(values.reduce((a, b) => a + b, 0) / values.length, 0), p50: quantile(values, 0.5), p90: quantile(values, 0.9) };
  }
  return { orders: phases.length, ms: table };
}

/**
 * Where the ingest's time went per UltraCart batch, from the ingest runs' results: reading the queue and
 * starting the orders, and waiting for their acknowledgements (UltraCart hands out the next batch only then).
 */
export async function ingestCycles(client: Client) {
  const total = { batches: 0, readAndStartMs: 0, ackWaitMs: 0 };
  for await (const wf of client.workflow.list({ query: 'WorkflowType = "ingestWorkflow" AND ExecutionStatus = "Completed"' })) {
    const r = (await client.workflow.getHandle(wf.workflowId, wf.runId).result()) as IngestRunReport;
    if (r.seen === 0) continue;
    total.batches += r.batches;
    total.readAndStartMs += r.readAndStartMs;
    total.ackWaitMs += r.ackWaitMs;
  }
  const perBatch = (ms: number) => (total.batches === 0 ? 0 : round(ms / total.batches, 0));
  return { batches: total.batches, meanMs: { 'read queue and start orders': perBatch(total.readAndStartMs), 'wait for acknowledgements': perBatch(total.ackWaitMs) } };
}
