import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The README's commands as a user types them: each must print the usage, not exit 0 silently. */
describe('the CLI runs however it is invoked', () => {
  jest.setTimeout(120_000);
  const usage = 'Usage: ucship [options] [command]';

  it('npx ucship --help (npm links the project into its cache as node_modules/.bin/ucship)', () => {
    const run = spawnSync('npx', ['--yes', 'ucship', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
    expect(run.stdout).toContain(usage);
    expect(run.status).toBe(0);
  });

  it('npx ucship map prints the ShipStation body', () => {
    const run = spawnSync('npx', ['--yes', 'ucship', 'map', 'examples/gift-with-coupon.json'], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ orderNumber: 'DEMO-1001', orderKey: 'ultracart:DEMO:DEMO-1001' });
  });

  it('a link named ucship (what `npm link` and npm bin shims make) and `node bin/ucship.js`', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-link-'));
    try {
      const link = path.join(dir, 'ucship');
      fs.symlinkSync(path.join(ROOT, 'bin/ucship.js'), link);
      const viaLink = spawnSync(link, ['--help'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(viaLink.stdout).toContain(usage);
      const direct = spawnSync('node', ['bin/ucship.js', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(direct.stdout).toContain(usage);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
