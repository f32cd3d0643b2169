import type { Command } from 'commander';
import { givenOptions, subsetOf, wholeNumber } from '../src/cli/option-parsers';
import { DRILLS, type DrillName } from './names';

/**
 * `ucship drill` (= `npm run drill`): the reliability drills on real servers (a private dev server on free
 * ports, both simulators, `ucship worker` as a child process). Prints one table row per drill; exits 1 when any
 * invariant breaks. Registered by bin/ucship.js beside the product's commands; the drills themselves are loaded
 * only when the command runs.
 */
export function registerDrillCommand(program: Command): void {
  program
    .command('drill')
    .description('reliability drills: worker SIGKILLs, 20% faults, Temporal restart, hostile orders, bad credentials')
    .option('--small', 'a CI-sized run (well under 2 minutes)')
    .option('--orders <n>', 'orders in the worker-kill drill (300)', wholeNumber)
    .option('--kills <n>', 'worker SIGKILLs (5)', wholeNumber)
    .option('--fault-orders <n>', 'orders in the fault drill (300)', wholeNumber)
    .option('--server-orders <n>', 'orders in the Temporal-restart drill (200)', wholeNumber)
    .option('--hostile <n>', 'hostile orders (1000)', wholeNumber)
    .option('--seed <n>', 'seed for kill moments and hostile orders (8)', wholeNumber)
    .option('--only <drills>', `comma-separated subset: ${DRILLS.join(',')}`, subsetOf(DRILLS))
    .option('--keep', 'keep the temp dir (worker logs, SQLite) even when every drill passes')
    .action(async ({ small, only, keep, ...given }: { small?: boolean; only?: DrillName[]; keep?: boolean } & Partial<Record<'orders' | 'kills' | 'faultOrders' | 'serverOrders' | 'hostile' | 'seed', number>>) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { FULL_SIZES, SMALL_SIZES, runDrill } = require('./index') as typeof import('./index');
      const sizes = { ...(small ? SMALL_SIZES : FULL_SIZES), ...givenOptions(given) };
      const started = Date.now();
      const report = await runDrill({ sizes, only, keep, log: (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`) });
      console.log(`\n${report.table}\n`);
      console.log(`${report.ok ? 'all drills passed' : 'DRILL FAILED: an invariant broke'} in ${((Date.now() - started) / 1000).toFixed(0)} s${report.ok ? '' : ` (logs: ${report.dir})`}`);
      process.exit(report.ok ? 0 : 1);
    });
}
