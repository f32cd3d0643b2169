/** The bench's rows by name, apart from their code, so the CLI can check `--only` without loading them. */
export const BENCH_ROWS = ['backlog', 'backlog2', 'ultracart', 'latency', 'profile', 'throughput', 'memory', 'encryption'] as const;
export type BenchRow = (typeof BENCH_ROWS)[number];
