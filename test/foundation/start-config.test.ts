import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

it('`ucship start` with a half configuration refuses to start and lists every problem by setting name', async () => {
  const env = { PATH: process.env.PATH, ULTRACART_ACCESS_KEY: 'very-secret-key', HTTP_PORT: 'not-a-port', SHIPSTATION_API_KEY: 'k' };
  const failure = await promisify(execFile)('node', [path.resolve(__dirname, '../../bin/ucship.js'), 'start'], { env, cwd: '/' }).catch(
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  expect(failure).toMatchObject({ code: 2 });
  const { stderr } = failure as { stderr: string };
  for (const name of ['HTTP_PORT', 'ULTRACART_MERCHANT_ID', 'ULTRACART_DC_CODE', 'ULTRACART_SOAP_URL', 'SHIPSTATION_API_SECRET']) expect(stderr).toContain(name);
  expect(stderr).not.toContain('very-secret-key');
});
