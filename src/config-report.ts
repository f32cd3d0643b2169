import { ConfigError, envSchema, loadConfig, resolveSettings, setValues } from './config';

/** Where a setting's value came from. */
export type Origin = 'environment' | '.env' | `${string}_FILE` | 'sandbox default' | 'default' | 'unset';

export interface SettingLine {
  name: string;
  /** What the product uses, secrets redacted. */
  value: string;
  origin: Origin;
  problem?: string;
}

export interface ConfigReport {
  sandbox: boolean;
  lines: SettingLine[];
  /** Every problem loadConfig would refuse to start with, by setting name. */
  problems: string[];
}

/** By name, so a setting added later is redacted without a second list to keep: keys, secrets, tokens, passwords. */
const SECRET_NAME = /(KEY|KEYS|SECRET|TOKEN|PASSWORD)$/;

export function redact(name: string, value: string): string {
  if (SECRET_NAME.test(name)) return '[redacted]';
  return value.replace(/\/\/[^/@\s]+@/, '//[redacted]@'); // credentials inside a URL
}

const show = (value: unknown): string => (value === undefined ? '(unset)' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The effective configuration, setting by setting, from the same resolution loadConfig uses. */
export function describeConfig(raw: NodeJS.ProcessEnv, fromEnvFile: ReadonlySet<string>): ConfigReport {
  const { sandbox, given, fromFiles } = resolveSettings(raw);
  const set = setValues(raw);
  let problems: string[] = [];
  try {
    loadConfig(raw);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems = err.problems;
  }
  const lines = Object.entries(envSchema.shape).map(([name, schema]): SettingLine => {
    const problem = problems.find((p) => p.startsWith(`${name}:`))?.slice(name.length + 1).trim();
    if (name in given) {
      const origin: Origin = fromFiles.includes(name)
        ? `${name}_FILE`
        : fromEnvFile.has(name)
          ? '.env'
          : name in set
            ? 'environment'
            : sandbox
              ? 'sandbox default'
              : 'default';
      return { name, value: redact(name, given[name]), origin, problem };
    }
    const fallback = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(undefined);
    const value = fallback.success ? fallback.data : undefined;
    return { name, value: value === undefined ? show(value) : redact(name, show(value)), origin: value === undefined ? 'unset' : 'default', problem };
  });
  return { sandbox, lines, problems };
}

export function formatConfigReport(report: ConfigReport): string {
  const width = Math.max(...report.lines.map((l) => l.name.length));
  const valueWidth = Math.min(60, Math.max(...report.lines.map((l) => l.value.length)));
  const mode = report.sandbox ? 'sandbox (no UltraCart or ShipStation credentials set)' : 'production (credentials set)';
  const rows = report.lines.map((l) => `  ${l.name.padEnd(width)}  ${l.value.padEnd(valueWidth)}  ${l.origin}${l.problem ? `   << ${l.problem}` : ''}`);
  return [`ucship configuration: ${mode}`, ...rows].join('\n');
}
