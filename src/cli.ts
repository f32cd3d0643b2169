import { Command } from 'commander';
import { registerBenchCommand } from './cli/bench';
import { registerDrillCommand } from './cli/drill';
import { registerMapCommand } from './cli/map';
import { registerOrderCommands } from './cli/orders';
import { registerOrdersListCommand } from './cli/orders-list';
import { registerReconcileCommand } from './cli/reconcile';
import { registerSandboxShipStation } from './cli/sandbox-shipstation';
import { registerSandboxUltraCart } from './cli/sandbox-ultracart';
import { registerStartCommand } from './cli/start';

/** The `ucship` command line. Each command lives in src/cli/<name>.ts and registers itself here. */
export function buildProgram(): Command {
  const program = new Command('ucship').description('UltraCart → ShipStation order sync on Temporal').showHelpAfterError();
  registerStartCommand(program);
  registerOrderCommands(program);
  registerOrdersListCommand(program);
  registerReconcileCommand(program);
  registerMapCommand(program);
  registerSandboxUltraCart(program);
  registerSandboxShipStation(program);
  registerBenchCommand(program);
  registerDrillCommand(program);
  return program;
}

if (require.main === module || process.argv[1]?.endsWith('ucship.js')) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    });
}
