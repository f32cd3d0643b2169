import { Command } from 'commander';
import { registerBenchCommand } from './cli/bench';
import { registerConfigCommand } from './cli/config';
import { registerDrillCommand } from './cli/drill';
import { registerMapCommand } from './cli/map';
import { registerOrderCommands } from './cli/orders';
import { registerSandboxShipStation } from './cli/sandbox-shipstation';
import { registerSandboxUltraCart } from './cli/sandbox-ultracart';
import { registerStartCommand } from './cli/start';
import { SetupError } from './setup-error';

/** The `ucship` command line. Each command lives in src/cli/<name>.ts and registers itself here. */
export function buildProgram(): Command {
  const program = new Command('ucship').description('UltraCart → ShipStation order sync on Temporal').showHelpAfterError();
  registerStartCommand(program);
  registerConfigCommand(program);
  registerOrderCommands(program);
  registerMapCommand(program);
  registerSandboxUltraCart(program);
  registerSandboxShipStation(program);
  registerBenchCommand(program);
  registerDrillCommand(program);
  return program;
}

/** Runs the command line on `argv`; the bin (bin/ucship.js) calls it, however it was linked or invoked. */
export function main(argv: string[]): void {
  buildProgram()
    .parseAsync(argv)
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      // 2: fix the settings or the cluster (the message says how); 1: anything else.
      process.exit(err instanceof SetupError ? 2 : 1);
    });
}

// `npx tsx src/cli.ts ...` during development.
if (require.main === module) main(process.argv);
