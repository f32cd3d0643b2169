#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so a fresh clone needs no build step.
require('tsx/cjs');
require('../src/cli.ts');
