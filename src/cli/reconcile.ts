import type { Command } from 'commander';
import { z } from 'zod';
import { parseDuration } from '../duration';
import { table } from '../ops/order-rows';
import { reconcileNow } from '../temporal/ops-workflows';
import type { ReconcileReport } from '../workflows/reconcile';
import { cliConfig, withTemporal } from './context';

const optionsSchema = z.object({
  since: z.string().transform((s, ctx) => {
    try {
      return parseDuration(s);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `--since: ${(err as Error).message}` });
      return z.NEVER;
    }
  }),
  json: z.boolean().optional(),
});

/** `ucship reconcile`: one reconciliation now (the Schedule runs it every RECONCILE_INTERVAL), waited for. */
export function registerReconcileCommand(program: Command): void {
  program
    .command('reconcile')
    .description('compare ShipStation orders with the order workflows now; heal what is safe, list the rest')
    .option('--since <duration>', 'ShipStation orders modified within this long', '7d')
    .option('--json', 'print the report as JSON')
    .action(async (raw: unknown) => {
      const opts = optionsSchema.parse(raw);
      const config = cliConfig();
      const report = await withTemporal(config, (client) => reconcileNow(client, config, opts.since));
      console.log(opts.json ? JSON.stringify(report, null, 2) : formatReport(report));
    });
}

export function formatReport(r: ReconcileReport): string {
  const head = `reconciled ShipStation orders modified since ${r.since}: ${r.examined} examined, ${r.ours} from ucship, ${r.shipStationCalls} ShipStation calls; ${r.healed} healed, ${r.reported} reported, ${r.deferred} deferred`;
  if (r.findings.length === 0) return `${head}\nnothing found`;
  const rows = r.findings.map((f) => [f.kind, f.orderId, f.shipStationOrderIds.join(',') || '-', f.outcome, `${f.detail}; ${f.action}`]);
  const more = r.omitted > 0 ? `\n…and ${r.omitted} more (not listed)` : '';
  return `${head}\n${table(['KIND', 'ORDER', 'SHIPSTATION', 'OUTCOME', 'DETAIL'], rows)}${more}`;
}
