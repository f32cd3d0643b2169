import { SMALL_SIZES, runDrill } from '../../drill';

/**
 * Issue 8 in CI: `ucship drill --small`, programmatically. It brings its own Temporal dev server (free ports, temp
 * SQLite), simulators and `ucship worker` child processes, so it shares nothing with the suite's dev server.
 */
// ~2.5 min on 2 cores (over the suite's budget) and not yet proven stable under jest: opt in with UCSHIP_DRILL=1.
const maybe = process.env.UCSHIP_DRILL === '1' ? it : it.skip;

maybe('the small reliability drill passes: no order lost or duplicated, each shipment written back once', async () => {
  const lines: string[] = [];
  const report = await runDrill({ sizes: SMALL_SIZES, log: (l) => lines.push(l) });
  if (!report.ok) console.log(`${lines.join('\n')}\n\n${report.table}`);
  expect(report.rows.filter((r) => !r.ok).map((r) => `${r.drill}: ${r.problems.join('; ')}`)).toEqual([]);
  expect(report.rows).toHaveLength(6);
}, 240_000);
