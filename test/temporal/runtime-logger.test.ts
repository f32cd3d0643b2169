import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { OMITTED } from '../../src/temporal/sdk-log-record';
import { devServerAddress } from '../support/temporal';

/**
 * The SDK's own log lines, as a process wired like `ucship start` writes them (test/fixtures/runtime-logger-worker.ts):
 * an activity and a workflow task fail with errors quoting a customer, against the suite's real dev server.
 */
const CUSTOMER = `Zelda Quixotic-${crypto.randomBytes(3).toString('hex')}, 1313 Mockingbird Lane`;

interface Line {
  level: number;
  msg: string;
  temporal?: Record<string, unknown>;
}

let stderr = '';
let lines: Line[] = [];
const taskQueue = `runtime-logger-${crypto.randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  const fixture = path.resolve(__dirname, '../fixtures/runtime-logger-worker.ts');
  const child = spawn('node', ['-r', 'tsx/cjs', fixture], {
    cwd: path.resolve(__dirname, '../..'),
    env: { PATH: process.env.PATH, TEMPORAL_ADDRESS: devServerAddress(), CUSTOMER, TASK_QUEUE: taskQueue },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: 'fixture done\n', stderr: expect.any(String) });
  lines = stderr.trim().split('\n').map((line) => JSON.parse(line) as Line); // piped: JSON lines only
}, 120_000);

it('no customer data in any line, though the errors quoted it', () => {
  expect(stderr).not.toContain('Quixotic');
  expect(stderr).not.toContain('Mockingbird');
});

it('a failed activity keeps what finds it: activity type, workflow id, attempt, error name', () => {
  const failed = lines.filter((l) => l.msg === 'Activity failed');
  expect(failed.map((l) => l.temporal)).toEqual([1, 2].map((attempt) => expect.objectContaining({
    activityType: 'rejectShipTo',
    workflowId: `${taskQueue}-activity`,
    workflowType: 'activityFailsWorkflow',
    attempt,
    error: { name: 'Error' },
  })));
  expect(failed.every((l) => l.level === 40)).toBe(true);
});

it("a failed workflow task: Core's line says which run, its failure text is left out", () => {
  const core = lines.find((l) => l.msg === 'Failing workflow task');
  expect(core?.temporal).toEqual(expect.objectContaining({ sdkComponent: 'core', runId: expect.any(String), failure: OMITTED }));
  const failed = lines.find((l) => l.msg === 'Workflow failed' && l.temporal?.workflowId === `${taskQueue}-task`);
  expect(failed?.temporal?.error).toEqual({ name: 'TypeError' });
});

it('the benign start-up warning of an activities-only worker is gone; other SDK warnings stay; nothing below WARN', () => {
  expect(stderr).not.toContain('No workflows registered');
  expect(lines.map((l) => l.msg)).toContain('No activities registered, not polling for activity tasks');
  expect(lines.every((l) => l.level >= 40)).toBe(true);
});
