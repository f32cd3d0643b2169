import type { Command } from 'commander';
import { givenOptions, subsetOf, wholeNumber } from '../src/cli/option-parsers';
import { BENCH_ROWS, type BenchRow } from './rows';
import type { BenchOptions } from './run';

/**
 * `ucship bench` (= `npm run bench`): the benchmark over real servers. Registered by bin/ucship.js beside the
 * product's commands; the benchmark itself is loaded only when the command runs.
 */
export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('benchmark: backlog under the ShipStation limit, throughput with it off, history per order, worker memory, encryption cost')
    .option('--quick', 'small sizes that run in a few minutes')
    .option('--orders <n>', 'backlog under the rate limit, for the backlog rows (default 2000)', wholeNumber)
    .option('--window-ms <ms>', "the simulator's rate-limit window for that backlog (default 60000, the real limit; 6000 = 10x faster)", wholeNumber)
    .option('--rate-orders <n>', 'orders for the end-to-end throughput with the limit off (default 1000)', wholeNumber)
    .option('--history-sample <n>', 'completed orders whose history is counted (default 50)', wholeNumber)
    .option('--memory-orders <n>', 'orders awaiting shipment for the worker memory (default 5000)', wholeNumber)
    .option('--encryption-orders <n>', 'orders for end-to-end throughput with payload encryption on vs off (default 1000)', wholeNumber)
    .option('--latency-samples <n>', 'lone orders for the latency row (default 10)', wholeNumber)
    .option('--profile-orders <n>', 'orders for the limit-off run with CPU per process (default 1000)', wholeNumber)
    .option('--ultracart-delay-ms <ms>', 'the backlog rows: the UltraCart simulator answers every call this late (default 0)', wholeNumber)
    .option('--only <names>', `comma-separated subset: ${BENCH_ROWS.join(',')}`, subsetOf(BENCH_ROWS))
    .option('--out <file>', 'results file (default bench/results/<date>.json)')
    .action(async ({ quick, only, ...given }: { quick?: boolean; only?: BenchRow[] } & Partial<Omit<BenchOptions, 'only'>>) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runBench, FULL, QUICK } = require('./run') as typeof import('./run');
      const { file, table } = await runBench({ ...(quick ? QUICK : FULL), ...givenOptions(given), only });
      console.log(`\n${table}\n\nresults: ${file}`);
      process.exit(0);
    });
}
