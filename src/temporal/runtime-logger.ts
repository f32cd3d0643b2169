import { DefaultLogger, Runtime, makeTelemetryFilterString, type LogLevel, type RuntimeOptions } from '@temporalio/worker';
import type { Logger } from '../logger';
import { sdkLogRecord } from './sdk-log-record';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's own log lines (worker state changes, task failures), the TypeScript side and Core's (Rust)
 * alike, through ucship's pino logger, from WARN up: at INFO they would bury the progress line. Core's lines are
 * forwarded rather than printed by Core itself, so they too are pretty on a terminal and JSON otherwise, and
 * pass the same filter (sdk-log-record.ts: no benign start-up warning, no customer data).
 */
export function runtimeOptions(logger: Logger): RuntimeOptions {
  return {
    logger: new DefaultLogger('WARN', (entry) => {
      const record = sdkLogRecord(entry);
      if (record) logger[PINO_LEVEL[record.level]]({ temporal: record.meta }, record.message);
    }),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  };
}

/** Must run before the first connection is made (the SDK's runtime is created with it). */
export function installRuntimeLogger(logger: Logger): void {
  Runtime.install(runtimeOptions(logger));
}
