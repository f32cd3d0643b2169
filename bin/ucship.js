#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so a fresh clone needs no build step. main() is called here, not
// decided by the CLI module from argv: npx, `npm exec` and `npm link` run this file through a link whose name is
// only `ucship`.
require('tsx/cjs');
require('../src/cli.ts').main(process.argv);
