import { Command } from 'commander';
import { registerConfigCommand } from './cli/config';
import { registerMapCommand } from './cli/map';
import { registerOrderCommands } from './cli/orders';
import { registerOrdersListCommand } from './cli/orders-list';
import { registerReconcileCommand } from './cli/reconcile';
import { registerSandboxShipStation } from './cli/sandbox-shipstation';
import { registerSandboxUltraCart } from './cli/sandbox-ultracart';
import { registerStartCommand } from './cli/start';
import { SetupError } from './setup-error';

/** Registers one command on the program. */
export type RegisterCommand = (program: Command) => void;

/**
 * The `ucship` command line. Each product command lives in src/cli/<name>.ts and registers itself here; the
 * tools beside the product (bench/, drill/) bring their own registrations (`tools`), passed in by the bin, so
 * nothing in src/ imports them.
 */
export function buildProgram(tools: RegisterCommand[] = []): Command {
  const program = new Command('ucship').description('UltraCart → ShipStation order sync on Temporal').showHelpAfterError();
  registerStartCommand(program);
  registerConfigCommand(program);
  registerOrderCommands(program);
  registerOrdersListCommand(program);
  registerReconcileCommand(program);
  registerMapCommand(program);
  registerSandboxUltraCart(program);
  registerSandboxShipStation(program);
  for (const register of tools) register(program);
  return program;
}

/** Runs the command line on `argv`; the bin (bin/ucship.js) calls it, however it was linked or invoked. */
export function main(argv: string[], tools: RegisterCommand[] = []): void {
  buildProgram(tools)
    .parseAsync(argv)
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      // 2: fix the settings or the cluster (the message says how); 1: anything else.
      process.exit(err instanceof SetupError ? 2 : 1);
    });
}

// `npx tsx src/cli.ts ...` during development (without the tools' commands).
if (require.main === module) main(process.argv);
