import type { Command } from 'commander';
import v8 from 'node:v8';
import { createLogger } from '../logger';
import { formatProgress, readProgress } from '../progress';
import { startStack, type StackParts } from '../stack';
import { installRuntimeLogger } from '../temporal/runtime-logger';
import { cliConfig } from './context';

const PROGRESS_EVERY_MS = 2000;

/**
 * `ucship start` (= `npm start`): the whole sync, in the sandbox when no credentials are configured.
 * `ucship worker`: the same minus the servers (simulators, embedded Temporal), for a second worker process or
 * a deployment next to an existing Temporal.
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the sync: Temporal (embedded unless TEMPORAL_ADDRESS), workers, webhooks, ingest schedule; the sandbox without credentials')
    .action(() => run({ servers: true }));
  program
    .command('worker')
    .description('run workers, webhook server and ingest schedule against an already running Temporal (and simulators)')
    .action(() => run({ servers: false }));
}

async function run(parts: StackParts): Promise<void> {
  // A long-running worker favours memory over speed: without this the main heap fills with hundreds of MB of
  // garbage (and the activation buffers it holds) before V8's first full GC. Set before the workflow thread's
  // isolate exists, so it gets small young-generation spaces too.
  v8.setFlagsFromString('--optimize-for-size');
  const config = cliConfig(); // a ConfigError ends the start with exit 2 (src/cli.ts)
  const logger = createLogger(config.logLevel);
  installRuntimeLogger(logger);
  // A setting that can never work (a WSDL lacking an operation, a refused search attribute) ends it with exit 2 too.
  const stack = await startStack(config, logger, parts);
  const ui = stack.uiUrl
    ? `${stack.uiUrl}/namespaces/${config.temporal.namespace}/workflows?query=${encodeURIComponent('WorkflowType="orderWorkflow"')}`
    : 'your Temporal Web UI';
  console.log(
    [
      '',
      `ucship is running${config.sandbox ? ' in the sandbox (no credentials configured)' : ''}.`,
      `  Orders in the Web UI:   ${ui}`,
      ...(stack.simulators
        ? [
            `  UltraCart simulator:    ${stack.simulators.ultracart}/_sim/stats  (POST orders to ${stack.simulators.ultracart}/_sim/orders)`,
            `  ShipStation simulator:  ${stack.simulators.shipstation}/_sim/stats  (labels: POST ${stack.simulators.shipstation}/_sim/shipments)`,
          ]
        : []),
      `  Health and metrics:     ${stack.httpUrl}/healthz  ${stack.httpUrl}/metrics`,
      '  Ctrl-C to stop; the next start resumes orders in flight.',
      '',
    ].join('\n'),
  );

  const tty = process.stdout.isTTY;
  let last = '';
  const tick = setInterval(() => {
    readProgress(stack.client)
      .then((p) => {
        const line = formatProgress(p);
        if (tty) process.stdout.write(`\r\x1b[2K${line}`);
        else if (line !== last) console.log(line);
        last = line;
      })
      .catch(() => undefined); // visibility can lag right after start; the next tick tries again
  }, PROGRESS_EVERY_MS);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(tick);
    if (tty) process.stdout.write('\n');
    console.log(`${signal}: draining workers and stopping...`);
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // A closed terminal: the dev server, in its own process group, would not hear it and outlive ucship.
  process.once('SIGHUP', () => void shutdown('SIGHUP'));
  await stack.done.catch(async (err: unknown) => {
    logger.error({ err: (err as Error).message }, 'worker stopped');
    await stack.stop();
    process.exit(1);
  });
}
