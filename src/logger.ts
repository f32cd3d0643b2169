import pino from 'pino';

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

/** Logs go to stderr, so stdout carries only what a person reads: the start banner and the progress line. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', name = 'ucship'): Logger {
  return pino({ name, level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, pino.destination(2));
}
