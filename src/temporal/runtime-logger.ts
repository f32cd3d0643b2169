import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../logger';

/**
 * Sends the Temporal SDK's own log lines (worker state changes, bundle output, task failures) through pino,
 * from WARN up: at INFO they would bury the progress line. Must run before the first connection is made.
 */
export function installRuntimeLogger(logger: Logger): void {
  const pinoLevel: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
    TRACE: 'trace',
    DEBUG: 'debug',
    INFO: 'info',
    WARN: 'warn',
    ERROR: 'error',
  };
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => logger[pinoLevel[entry.level]]({ temporal: entry.meta }, entry.message)),
  });
}
