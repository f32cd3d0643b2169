import type { Command } from 'commander';

/** The `ucship sandbox` parent command, created once however many simulators register under it. */
export function sandboxCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'sandbox') ??
    program.command('sandbox').description('run a local simulator of UltraCart or ShipStation (for demos, tests and drills)')
  );
}
