import { defineSignal } from '@temporalio/workflow';
import type { ApiSide } from '../ops/api-calls';

/** Signals and shapes of the operating workflows: alerts and reconciliation. */

export type AlertKind = 'order_parked' | 'stage_overdue' | 'reconcile_findings' | 'credential_refused' | 'credential_restored';
export const ALERT_KINDS: readonly AlertKind[] = ['order_parked', 'stage_overdue', 'reconcile_findings', 'credential_refused', 'credential_restored'];

/** One thing to tell a person. Ids, stages, settings and reasons only: never customer data. */
export interface AlertItem {
  kind: AlertKind;
  /** What it is about: an order id, a stage, a side. */
  subject: string;
  text: string;
  /** The command or step that deals with it. */
  action?: string;
}

export interface AlertsInput {
  merchantId: string;
  dcCode: string;
  /** One sweep, and at most one message per kind, per interval (ALERT_INTERVAL). */
  intervalMs: number;
  /** Stage → ms; an order longer than this in its stage is alerted (once per stage until it recovers). */
  thresholds: Record<string, number>;
  /** Carried over continue-as-new. */
  state?: AlertsState;
}

export interface AlertsState {
  /** `<workflowId>/<runId>` of each parked order already alerted → its reason class. */
  parked: Record<string, string>;
  /** Stages alerted as past their threshold and not yet back under it. */
  overdue: string[];
  credentials: Partial<Record<ApiSide, 'refused' | 'ok'>>;
  /** A side accepts the credentials again: the orders that waited for them are to be sent on. */
  resumeWaiting?: boolean;
  pending: AlertItem[];
}

export interface CredentialState {
  side: ApiSide;
  refused: boolean;
}

export interface ReconcileInput {
  merchantId: string;
  dcCode: string;
  /** Look at ShipStation orders modified this long ago or later (ignored when `sinceMs` is given). */
  lookbackMs: number;
  sinceMs?: number;
  thresholds: Record<string, number>;
  /** At most this many heals per run: each may cost a ShipStation poll. */
  healLimit: number;
  /** ShipStation changes younger than this are left to a later run (absent in runs started before: none). */
  recentGraceMs?: number;
}

export const raiseAlertsSignal = defineSignal<[AlertItem[]]>('raiseAlerts');
export const credentialStateSignal = defineSignal<[CredentialState]>('credentialState');
