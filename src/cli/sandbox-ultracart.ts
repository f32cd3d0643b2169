import type { Command } from 'commander';
import { SANDBOX_DEFAULTS } from '../config';
import { createLogger } from '../logger';
import { generateDemoOrders, startUltraCartSimulator, ultraCartAdmin } from '../sandbox';
import { sandboxCommand } from './sandbox';

/** `ucship sandbox ultracart`: the UltraCart DC simulator on its own, until Ctrl-C. */
export function registerSandboxUltraCart(program: Command): void {
  sandboxCommand(program)
    .command('ultracart')
    .description('serve the UltraCart distribution-center SOAP simulator (default credentials DEMO / DFLT / sandbox-access-key)')
    .option('--port <port>', 'port to listen on', (v) => Number.parseInt(v, 10), SANDBOX_DEFAULTS.ultracartPort)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--demo-orders <count>', 'queue this many demo orders at start', (v) => Number.parseInt(v, 10), 0)
    .action(async (opts: { port: number; host: string; demoOrders: number }) => {
      const logger = createLogger(undefined, 'ultracart-sim');
      const sim = await startUltraCartSimulator({ port: opts.port, host: opts.host, logger });
      if (opts.demoOrders > 0) {
        await ultraCartAdmin(sim.url).postOrders(generateDemoOrders(opts.demoOrders));
      }
      logger.info(`WSDL at ${sim.soapUrl}?wsdl; REST under ${sim.restUrl}; admin routes under ${sim.url}/_sim/`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sim.close();
    });
}
