import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Every command logs through createLogger: a person at a terminal reads pino-pretty's lines, anything else
 * (a pipe, a file, a container's log driver) gets one JSON object per line. The terminal is a real one, a
 * pseudo-terminal from util-linux `script`.
 */
const ROOT = path.resolve(__dirname, '../..');
const LOG_TWO_LINES = [
  "const logger = require('./src/logger').createLogger('info');",
  "logger.info({ order: 'DEMO-1001' }, 'order imported');",
  "logger.warn({ apiKey: 'not-for-logs' }, 'credentials checked');",
].join(' ');
const node = ['node', '-r', 'tsx/cjs', '-e', LOG_TWO_LINES];
const env = { PATH: process.env.PATH, TERM: 'xterm' };

it('on a terminal: pretty lines (level, message, fields), secrets still redacted', () => {
  const quoted = node.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const run = spawnSync('script', ['-qec', quoted, '/dev/null'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('\x1b['); // coloured
  const plain = run.stdout.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
  expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(ucship\): order imported {"order":"DEMO-1001"}\r?$/m);
  expect(plain).toContain(`{"order":"DEMO-1001"}`);
  expect(plain).toMatch(/WARN \(ucship\): credentials checked/);
  expect(plain).toContain('[redacted]');
  expect(plain).not.toContain('not-for-logs');
  expect(plain).not.toContain('"level"');
});

it('piped: one JSON object per line', () => {
  const [cmd, ...args] = node;
  const run = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  expect(run.status).toBe(0);
  const lines = run.stderr.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toEqual([
    expect.objectContaining({ level: 30, name: 'ucship', order: 'DEMO-1001', msg: 'order imported' }),
    expect.objectContaining({ level: 40, apiKey: '[redacted]', msg: 'credentials checked' }),
  ]);
});
