import { ActivityFailure, continueAsNew, log, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { AlertActivities, SweepResult } from '../activities/alerts';
import { ALERT_KINDS, credentialStateSignal, raiseAlertsSignal, type AlertItem, type AlertsInput, type AlertsState } from '../contract';
import { ALERT_DELIVERY_ACTIVITY, OPS_ACTIVITY } from './retry-policies';

const { sweepOrders } = proxyActivities<AlertActivities>({ ...OPS_ACTIVITY, summary: 'list parked and overdue orders' });
const { deliverAlert } = proxyActivities<AlertActivities>({ ...ALERT_DELIVERY_ACTIVITY, summary: 'send one alert message' });

/** Sweeps per run before continue-as-new keeps the history short. */
const SWEEPS_PER_RUN = 100;

const SETTINGS = {
  shipstation: 'SHIPSTATION_API_KEY / SHIPSTATION_API_SECRET (or their _FILE variants)',
  ultracart: 'ULTRACART_ACCESS_KEY (or ULTRACART_ACCESS_KEY_FILE), with ULTRACART_MERCHANT_ID and ULTRACART_DC_CODE',
} as const;

/**
 * The alerts outbox, one per merchant and DC, running for good: every interval it sweeps visibility for orders
 * that parked (alerted once each) and stages whose oldest order passed the threshold (once until it recovers),
 * adds what reconciliation and the credential watch signalled, and sends at most one message per kind. It is
 * outside every order's path: a dead alert webhook loses messages, never an order.
 */
export async function alertsWorkflow(input: AlertsInput): Promise<void> {
  const state: AlertsState = input.state ?? { parked: {}, overdue: [], credentials: {}, pending: [] };

  setHandler(raiseAlertsSignal, (items) => {
    state.pending.push(...items);
  });
  setHandler(credentialStateSignal, ({ side, refused }) => {
    const wasRefused = state.credentials[side] === 'refused';
    if (refused === wasRefused) return; // every worker process reports its own view; one alert per change
    state.credentials[side] = refused ? 'refused' : 'ok';
    state.pending.push(
      refused
        ? { kind: 'credential_refused', subject: side, text: `${side === 'shipstation' ? 'ShipStation' : 'UltraCart'} refused the credentials; its calls wait and retry slowly`, action: `fix ${SETTINGS[side]}; no restart needed` }
        : { kind: 'credential_restored', subject: side, text: 'the credentials work again; waiting orders go on by themselves' },
    );
  });

  for (let sweep = 0; sweep < SWEEPS_PER_RUN && !workflowInfo().continueAsNewSuggested; sweep += 1) {
    try {
      noteSweep(state, await sweepOrders({ known: state.parked, thresholds: input.thresholds }));
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err; // Temporal unwell for minutes: the next sweep looks again
    }
    await flush(state);
    await sleep(input.intervalMs);
  }
  await continueAsNew<typeof alertsWorkflow>({ ...input, state });
}

function noteSweep(state: AlertsState, result: SweepResult): void {
  for (const p of result.newlyParked) {
    state.pending.push({ kind: 'order_parked', subject: `order ${p.orderId}`, text: p.reason, action: `ucship requeue ${p.orderId}` });
  }
  // Orders that left needs_attention are forgotten, so parking again later alerts again.
  state.parked = result.parked;
  for (const o of result.overdue) {
    if (state.overdue.includes(o.stage)) continue;
    state.pending.push({
      kind: 'stage_overdue',
      subject: `stage ${o.stage}`,
      text: `oldest order ${o.oldestOrderId} there for ${minutes(o.oldestAgeMs)} (threshold ${minutes(o.thresholdMs)}); ${o.count} past it in the sample`,
      action: `ucship orders --stage ${o.stage}`,
    });
  }
  state.overdue = result.overdue.map((o) => o.stage);
}

async function flush(state: AlertsState): Promise<void> {
  const pending = state.pending.splice(0);
  for (const kind of ALERT_KINDS) {
    const items: AlertItem[] = pending.filter((i) => i.kind === kind);
    if (items.length === 0) continue;
    try {
      await deliverAlert({ kind, items });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      log.warn('alert not delivered', { kind, items: items.length, error: err.cause?.message });
    }
  }
}

const minutes = (ms: number): string => (ms >= 7_200_000 ? `${Math.round(ms / 3_600_000)} h` : ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);
