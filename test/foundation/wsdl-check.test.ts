import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_WSDL } from '../../src/config';
import { stackPorts } from '../support/ucship-process';

/** A WSDL copy without one operation, written to a temp dir. */
function wsdlWithout(operation: string): string {
  const text = fs
    .readFileSync(DEFAULT_WSDL, 'utf8')
    .split('\n')
    .filter((line) => !line.includes(`<wsdl:operation name="${operation}">`))
    .join('\n');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-wsdl-')), 'DistributionCenterService.wsdl');
  fs.writeFileSync(file, text);
  return file;
}

it('`ucship start` with a WSDL lacking getOrders stops at start-up, exit 2, naming the operation', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-data-'));
  const env = {
    PATH: process.env.PATH,
    ULTRACART_WSDL: wsdlWithout('getOrders'),
    DATA_DIR: dataDir,
    ...(await stackPorts()),
  };
  // Bounded by the exec timeout (a retry loop would be killed, failing the exit code), not by wall-clock time,
  // which a loaded machine stretches.
  const failure = await promisify(execFile)('node', [path.resolve(__dirname, '../../bin/ucship.js'), 'start'], { env, timeout: 30_000 }).catch(
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  expect(failure).toMatchObject({ code: 2 });
  expect((failure as { stderr: string }).stderr).toMatch(/ULTRACART_WSDL: .* lacks the operation ucship needs: getOrders\b/);
  // Nothing was started: no dev server state in DATA_DIR.
  expect(fs.readdirSync(dataDir)).toEqual([]);
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 40_000);
