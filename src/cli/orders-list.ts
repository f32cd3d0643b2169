import type { Command } from 'commander';
import { z } from 'zod';
import { parseDuration } from '../duration';
import { formatAge, listOrders, table } from '../ops/order-rows';
import { wholeNumber } from './option-parsers';
import { cliConfig, withTemporal } from './context';

const optionsSchema = z.object({
  stage: z.string().trim().regex(/^[a-z_]+$/, 'a stage name such as needs_attention').optional(),
  since: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      try {
        return parseDuration(s);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `--since: ${(err as Error).message}` });
        return z.NEVER;
      }
    }),
  limit: z.number().int().positive().default(100),
  json: z.boolean().optional(),
});

const REASON_WIDTH = 70;

/** `ucship orders`: the open orders (or one stage's), with age, reason and the next thing to do. */
export function registerOrdersListCommand(program: Command): void {
  program
    .command('orders')
    .description('list orders from Temporal visibility: order, stage, age in the stage, reason, next action')
    .option('--stage <stage>', 'only this stage, e.g. needs_attention (finished orders included)')
    .option('--since <duration>', 'only orders whose workflow started within this long, e.g. 1d')
    .option('--limit <n>', 'at most this many, newest first', wholeNumber)
    .option('--json', 'print JSON')
    .action(async (raw: unknown) => {
      const opts = optionsSchema.parse(raw);
      const config = cliConfig();
      const rows = await withTemporal(config, (client) => listOrders(client, config.ultracart, { stage: opts.stage, sinceMs: opts.since, limit: opts.limit }));
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0) {
        console.log(`no orders${opts.stage ? ` in ${opts.stage}` : ' open'}`);
        return;
      }
      const cut = (s: string | undefined) => (s === undefined ? '-' : s.length > REASON_WIDTH ? `${s.slice(0, REASON_WIDTH - 1)}…` : s);
      console.log(table(['ORDER', 'STAGE', 'AGE', 'REASON', 'NEXT'], rows.map((r) => [r.orderId, r.stage, formatAge(r.ageMs), cut(r.reason), r.next])));
    });
}
