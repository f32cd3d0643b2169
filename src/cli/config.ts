import type { Command } from 'commander';
import { ConfigError } from '../config';
import { describeConfig, formatConfigReport } from '../config-report';
import { loadEnvFile } from './context';

/** `ucship config`: the effective settings and where each came from; exit 2 naming every bad one. */
export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description('print the effective configuration (secrets redacted) and where each value came from; exit 2 naming every bad setting')
    .action(() => {
      const report = describeConfig(process.env, loadEnvFile());
      console.log(formatConfigReport(report));
      if (report.problems.length > 0) throw new ConfigError(report.problems);
    });
}
