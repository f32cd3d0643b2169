import { SetupError } from '../setup-error';

/**
 * A listen that failed because the port is taken, told by the setting that chose it (a bare EADDRINUSE names
 * neither); any other error is returned unchanged.
 */
export function namingPortSetting(err: unknown, setting: string, address: string): unknown {
  if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') return err;
  return new SetupError(`${setting}: ${address} is already in use (another ucship, or another program?): stop it, or set ${setting} to a free port`);
}
