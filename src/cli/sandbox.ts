import type { Command } from 'commander';

/** The shared `ucship sandbox` parent, found or created so each simulator registers under it independently. */
export function sandboxCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'sandbox') ?? program.command('sandbox').description('run a local simulator');
}
