import fs from 'node:fs';
import { PrivateTemporal } from '../stack-kit';
import { makeTempDir } from './env';
import { credentialDrills, faultDrill, hostileDrill, killDrill, serverDrill } from './scenarios';
import type { DrillContext, DrillSizes, Row } from './support';

/** The reliability drills against real servers: the dev server, both simulators, `ucship worker` as a child. */

export const FULL_SIZES: DrillSizes = { orders: 300, kills: 5, faultOrders: 300, serverOrders: 200, hostile: 1000, credentialOrders: 20, seed: 8, settleMs: 300_000 };
export const SMALL_SIZES: DrillSizes = { orders: 30, kills: 2, faultOrders: 30, serverOrders: 30, hostile: 100, credentialOrders: 5, seed: 8, settleMs: 240_000 };

import { DRILLS, type DrillName } from './names';

export { DRILLS, type DrillName };

export interface DrillOptions {
  sizes: DrillSizes;
  only?: DrillName[];
  log?: (line: string) => void;
  /** Keep the temp dir (worker logs, SQLite) for a look afterwards. */
  keep?: boolean;
}

export interface DrillReport {
  rows: Row[];
  ok: boolean;
  dir: string;
  table: string;
}

export async function runDrill(opts: DrillOptions): Promise<DrillReport> {
  const log = opts.log ?? (() => undefined);
  const dir = makeTempDir();
  log(`drill: state and worker logs in ${dir}`);
  const temporal = await PrivateTemporal.start(dir);
  log(`drill: Temporal dev server at ${temporal.address}`);
  const ctx: DrillContext = { temporal, dir, sizes: opts.sizes, log };
  const rows: Row[] = [];
  const wanted = new Set(opts.only && opts.only.length > 0 ? opts.only : DRILLS);
  const run = async (name: DrillName, fn: () => Promise<Row | Row[]>) => {
    if (!wanted.has(name)) return;
    const started = Date.now();
    log(`drill ${name}: running`);
    try {
      const out = await fn();
      for (const r of Array.isArray(out) ? out : [out]) {
        rows.push(r);
        log(`drill ${r.drill}: ${r.ok ? 'PASS' : 'FAIL'} in ${((Date.now() - started) / 1000).toFixed(0)} s${r.ok ? '' : `\n  ${r.problems.join('\n  ')}`}`);
      }
    } catch (err) {
      log(`drill ${name}: ERROR ${(err as Error).stack}`);
      rows.push({ drill: name, orders: 0, lost: 0, duplicated: 0, doubleWriteBacks: 0, failedWorkflows: 0, recoverMs: undefined, notes: `error: ${(err as Error).message.slice(0, 200)}`, ok: false, problems: [(err as Error).message] });
    }
  };
  try {
    await run('kill', () => killDrill(ctx));
    await run('faults', () => faultDrill(ctx));
    await run('server', () => serverDrill(ctx));
    await run('hostile', () => hostileDrill(ctx));
    await run('credentials', () => credentialDrills(ctx));
  } finally {
    await temporal.stop();
    if (!opts.keep && rows.every((r) => r.ok)) fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows, ok: rows.length > 0 && rows.every((r) => r.ok), dir, table: formatTable(rows) };
}

export function formatTable(rows: Row[]): string {
  const head = ['drill', 'orders', 'lost', 'duplicated in SS', 'double write-backs', 'failed workflows', 'time to recover', 'result', 'notes'];
  const body = rows.map((r) => [
    r.drill,
    String(r.orders),
    String(r.lost),
    String(r.duplicated),
    String(r.doubleWriteBacks),
    String(r.failedWorkflows),
    r.recoverMs === undefined ? 'not recovered' : `${(r.recoverMs / 1000).toFixed(1)} s`,
    r.ok ? 'PASS' : 'FAIL',
    r.notes,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (i === head.length - 1 ? 0 : b[i].length))));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join(' | ')} |`;
  return [line(head), line(widths.map((w, i) => (i === head.length - 1 ? '---' : '-'.repeat(w)))), ...body.map(line)].join('\n');
}
