#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so a fresh clone needs no build step. main() is called here, not
// decided by the CLI module from argv: npx, `npm exec` and `npm link` run this file through a link whose name is
// only `ucship`. The tools beside the product (bench/, drill/) register their commands here, each loading its
// code only when its command runs, so src/ never imports them.
require('tsx/cjs');
const tools = [require('../bench/cli.ts').registerBenchCommand, require('../drill/cli.ts').registerDrillCommand];
require('../src/cli.ts').main(process.argv, tools);
