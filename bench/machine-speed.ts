/**
 * The time one fixed CPU-bound loop takes on this machine: the CPU-bound rows (limit off) follow the machine's
 * speed, which drifts on a shared host, so each run records it beside its figures, at its start and its end.
 */
export function cpuLoopMs(iterations = 300_000_000): number {
  const started = process.hrtime.bigint();
  let acc = 0;
  for (let i = 0; i < iterations; i += 1) acc += i % 7;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // Using the sum keeps the loop from being optimized away.
  return acc < 0 ? -1 : Math.round(ms);
}
