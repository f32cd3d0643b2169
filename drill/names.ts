/** The drills by name, apart from their code, so the CLI can check `--only` without loading them. */
export const DRILLS = ['kill', 'faults', 'server', 'hostile', 'credentials'] as const;
export type DrillName = (typeof DRILLS)[number];
