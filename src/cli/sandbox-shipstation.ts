import type { Command } from 'commander';
import { z } from 'zod';
import { SANDBOX_DEFAULTS } from '../config';
import { createLogger } from '../logger';
import { startShipStationSimulator } from '../sandbox';
import { sandboxCommand } from './sandbox';

const optionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  rateLimit: z.coerce.number().int().min(0),
  webhookDelayMs: z.coerce.number().int().min(0),
});

/** `ucship sandbox shipstation`: the ShipStation V1 simulator in the foreground until Ctrl-C. */
export function registerSandboxShipStation(program: Command): void {
  sandboxCommand(program)
    .command('shipstation')
    .description('run the ShipStation V1 simulator (REST API + /_sim admin routes)')
    .option('--port <port>', 'port to listen on (0 = any)', String(SANDBOX_DEFAULTS.shipstationPort))
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--rate-limit <n>', 'requests per minute per API key (0 = off)', '40')
    .option('--webhook-delay-ms <ms>', 'delay before a SHIP_NOTIFY webhook is sent', '100')
    .action(async (raw: unknown) => {
      const opts = optionsSchema.parse(raw);
      const logger = createLogger();
      const sim = await startShipStationSimulator({ port: opts.port, host: opts.host, rateLimitPerMinute: opts.rateLimit, webhookDelayMs: opts.webhookDelayMs, logger });
      const stop = () => void sim.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
