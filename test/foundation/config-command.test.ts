import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ucshipConfig } from '../support/ucship-process';

describe('ucship config', () => {
  jest.setTimeout(60_000);

  it('prints every setting with its effective value and where it came from, secrets redacted', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-config-'));
    try {
      fs.writeFileSync(path.join(dir, '.env'), 'TEMPORAL_NAMESPACE=from-file\nHTTP_PORT=4999\nWEBHOOK_SECRET=file-secret-value\n');
      const run = ucshipConfig({ HTTP_PORT: '3100', TEMPORAL_API_KEY: 'env-secret-value', SHIPSTATION_STORE_ID: '' }, dir);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('ucship configuration: sandbox');
      expect(run.row('HTTP_PORT')).toMatch(/3100\s+environment$/); // the environment wins over .env
      expect(run.row('TEMPORAL_NAMESPACE')).toMatch(/from-file\s+\.env$/);
      expect(run.row('TEMPORAL_API_KEY')).toMatch(/\[redacted\]\s+environment$/);
      expect(run.row('WEBHOOK_SECRET')).toMatch(/\[redacted\]\s+\.env$/);
      expect(run.row('SHIPSTATION_STORE_ID')).toMatch(/1\s+sandbox default$/); // empty is unset
      expect(run.row('INGEST_INTERVAL')).toMatch(/5s\s+sandbox default$/);
      expect(run.row('HTTP_HOST')).toMatch(/127\.0\.0\.1\s+default$/);
      expect(run.row('PUBLIC_URL')).toMatch(/\(unset\)\s+unset$/);
      expect(run.stdout).not.toMatch(/secret-value|sandbox-secret|sandbox-key/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exit 2 naming every bad setting, in the table and on stderr', () => {
    const run = ucshipConfig({ ULTRACART_ACCESS_KEY: 'very-secret-key', INGEST_INTERVAL: '5', HTTP_PORT: 'x', SHIPMENT_POLL_INTERVAL: '100ms' });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('ucship configuration: production');
    expect(run.row('INGEST_INTERVAL')).toContain('<< "5" has no unit');
    for (const name of ['INGEST_INTERVAL', 'HTTP_PORT', 'ULTRACART_MERCHANT_ID', 'ULTRACART_DC_CODE', 'ULTRACART_SOAP_URL', 'SHIPSTATION_API_KEY', 'SHIPSTATION_API_SECRET']) {
      expect(run.stderr).toContain(`  - ${name}:`);
    }
    expect(run.stderr).not.toContain('SHIPMENT_POLL_INTERVAL');
    expect(`${run.stdout}${run.stderr}`).not.toContain('very-secret-key');
  });
});
