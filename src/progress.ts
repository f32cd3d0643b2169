import type { Client } from '@temporalio/client';
import type { OrderStage } from './contract';

/** What the progress line counts, by OrderStage, over every order workflow (running or finished). */
const COLUMNS: Array<{ label: string; stages: OrderStage[] }> = [
  { label: 'queued', stages: ['importing'] },
  { label: 'in ShipStation', stages: ['awaiting_shipment'] },
  { label: 'shipped', stages: ['writing_back'] },
  { label: 'written back', stages: ['written_back'] },
  { label: 'retrying', stages: ['retrying'] },
  { label: 'needing attention', stages: ['needs_attention'] },
  { label: 'cancelled', stages: ['cancelled'] },
];

export type Progress = Record<string, number>;

export async function readProgress(client: Client): Promise<Progress> {
  const counts = await Promise.all(
    COLUMNS.map(async ({ stages }) => {
      // A run that continued as new is the same order as its successor: counted once, in the latest run.
      const query = `WorkflowType = "orderWorkflow" AND ExecutionStatus != "ContinuedAsNew" AND OrderStage IN (${stages.map((s) => `"${s}"`).join(', ')})`;
      return (await client.workflow.count(query)).count;
    }),
  );
  return Object.fromEntries(COLUMNS.map((c, i) => [c.label, counts[i]]));
}

export const formatProgress = (p: Progress): string =>
  'orders: ' + COLUMNS.map((c) => `${p[c.label]} ${c.label}`).join(' | ');
