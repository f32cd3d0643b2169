import { ActivityFailure, continueAsNew, log, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { AlertActivities, SweepResult } from '../activities/alerts';
import type { CredentialProbeActivities } from '../activities/credential-probe';
import { ALERT_KINDS, credentialStateSignal, raiseAlertsSignal, type AlertItem, type AlertsInput, type AlertsState } from '../contract';
import type { ApiSide } from '../ops/api-calls';
import { ALERT_DELIVERY_ACTIVITY, OPS_ACTIVITY, shipStationTaskQueue } from './retry-policies';

const { sweepOrders } = proxyActivities<AlertActivities>({ ...OPS_ACTIVITY, summary: 'list parked and overdue orders' });
const { resumeCredentialWaits } = proxyActivities<AlertActivities>({ ...OPS_ACTIVITY, summary: 'retry now the orders that waited for the credentials' });
const { deliverAlert } = proxyActivities<AlertActivities>({ ...ALERT_DELIVERY_ACTIVITY, summary: 'send one alert message' });

/** Sweeps per run before continue-as-new keeps the history short. */
const SWEEPS_PER_RUN = 100;

const SETTINGS = {
  shipstation: 'SHIPSTATION_API_KEY / SHIPSTATION_API_SECRET (or their _FILE variants)',
  ultracart: 'ULTRACART_API_KEY (REST) or ULTRACART_ACCESS_KEY (SOAP), or their _FILE variants, with ULTRACART_MERCHANT_ID and ULTRACART_DC_CODE',
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
  setHandler(credentialStateSignal, ({ side, refused }) => noteCredentials(state, side, refused));
  // ShipStation is asked on its own queue, through the same rate gate as the orders.
  const { probeShipStationCredentials } = proxyActivities<CredentialProbeActivities>({
    ...OPS_ACTIVITY,
    taskQueue: shipStationTaskQueue(workflowInfo().taskQueue),
    summary: 'does ShipStation accept the key again?',
  });

  for (let sweep = 0; sweep < SWEEPS_PER_RUN && !workflowInfo().continueAsNewSuggested; sweep += 1) {
    try {
      // While refused, ShipStation is asked once a sweep (orders wait, so nothing else may call it for hours);
      // UltraCart needs no probe: the ingest asks it every INGEST_INTERVAL.
      if (state.credentials.shipstation === 'refused' && (await probeShipStationCredentials())) noteCredentials(state, 'shipstation', false);
      if (state.resumeWaiting) {
        await resumeCredentialWaits();
        state.resumeWaiting = false;
      }
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
    }
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

/** Every worker process reports its own view: one alert per change of the merged view. */
function noteCredentials(state: AlertsState, side: ApiSide, refused: boolean): void {
  if (refused === (state.credentials[side] === 'refused')) return;
  state.credentials[side] = refused ? 'refused' : 'ok';
  const name = side === 'shipstation' ? 'ShipStation' : 'UltraCart';
  if (refused) {
    state.pending.push({ kind: 'credential_refused', subject: side, text: `${name} refused the credentials; work on that side waits and retries slowly`, action: `fix ${SETTINGS[side]}; no restart needed` });
    return;
  }
  state.resumeWaiting = true;
  state.pending.push({ kind: 'credential_restored', subject: side, text: `${name} accepts the credentials again; the orders that waited go on by themselves` });
}

function noteSweep(state: AlertsState, result: SweepResult): void {
  // A refused key never parks an order here (it waits as `retrying`): the credential alert tells of those.
  for (const p of result.newlyParked) {
    state.pending.push({ kind: 'order_parked', subject: `order ${p.orderId}`, text: p.reason, action: p.action });
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
