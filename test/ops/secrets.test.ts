import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { liveSecret } from '../../src/secrets';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-secrets-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('secrets from *_FILE settings', () => {
  it('are read again when the file changes, so a key rotates without a restart', () => {
    const file = path.join(dir, 'secret');
    fs.writeFileSync(file, 'first\n');
    const secret = liveSecret('first', file);
    expect(secret()).toBe('first');
    fs.writeFileSync(file, 'second-and-longer\n');
    expect(secret()).toBe('second-and-longer');
    fs.rmSync(file);
    expect(secret()).toBe('second-and-longer'); // a file being replaced keeps the last value
  });

  it('count as set for the credential rule, and a missing file is named by its setting', () => {
    const key = path.join(dir, 'ss-secret');
    fs.writeFileSync(key, 'from-file\n');
    const env = {
      ULTRACART_MERCHANT_ID: 'M',
      ULTRACART_ACCESS_KEY: 'k',
      ULTRACART_DC_CODE: 'DC',
      ULTRACART_SOAP_URL: 'https://example.com/soap',
      SHIPSTATION_API_KEY: 'key',
      SHIPSTATION_API_SECRET_FILE: key,
      PAYLOAD_ENCRYPTION: 'off',
    };
    const config = loadConfig(env);
    expect(config.sandbox).toBe(false);
    expect(config.shipstation.apiSecret).toBe('from-file');
    expect(config.shipstation.apiSecretFile).toBe(key);
    expect(() => loadConfig({ ...env, SHIPSTATION_API_SECRET_FILE: path.join(dir, 'nope') })).toThrow(/SHIPSTATION_API_SECRET_FILE: cannot read .*nope \(ENOENT\)/);
    expect(() => loadConfig({ ...env, SHIPSTATION_API_SECRET: 'both' })).toThrow(/SHIPSTATION_API_SECRET_FILE: set together with SHIPSTATION_API_SECRET/);
  });
});
