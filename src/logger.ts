import pino from 'pino';
import pretty from 'pino-pretty';

/** Paths that may hold secrets anywhere in a logged object; pino replaces them before writing. */
export const REDACT_PATHS = [
  'accessKey',
  '*.accessKey',
  'apiKey',
  '*.apiKey',
  'apiSecret',
  '*.apiSecret',
  'webhookSecret',
  '*.webhookSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
];

export type Logger = pino.Logger;

/**
 * Logs go to stderr, so stdout carries only what a person reads: the start banner and the progress line.
 * A person at a terminal gets pino-pretty's lines; anything else (a pipe, a file, a container's log driver)
 * gets one JSON object per line. pino-pretty runs as an in-process stream, not a transport: no worker thread,
 * and synchronous like pino.destination, so nothing is lost when the process exits right after a line.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', name = 'ucship', tty = process.stderr.isTTY === true): Logger {
  const options: pino.LoggerOptions = { name, level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (!tty) return pino(options, pino.destination(2));
  return pino(
    options,
    pretty({ destination: 2, sync: true, colorize: !process.env.NO_COLOR, singleLine: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' }),
  );
}
