import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { decode } from '@temporalio/common/lib/encoding';
import { payloadKeys } from '../../src/codec/data-converter';
import { EncryptionCodec } from '../../src/codec/encryption-codec';
import { generatePayloadKey } from '../../src/codec/keys';
import { loadConfig } from '../../src/config';
import { PRODUCTION_ENV } from '../support/production-env';

const customer = { name: 'Wilhelmina Quarterstaff', phone: '+1 555 0199 4242' };
const toPayload = (v: unknown) => defaultPayloadConverter.toPayload(v);
const fromPayload = (p: Parameters<typeof defaultPayloadConverter.fromPayload>[0]) => defaultPayloadConverter.fromPayload(p);

describe('EncryptionCodec', () => {
  const a = generatePayloadKey('key-a');
  const b = generatePayloadKey('key-b');

  it('encrypts the whole payload with AES-256-GCM and the key id in the metadata; decode gives it back', async () => {
    const codec = new EncryptionCodec([a]);
    const [sealed] = await codec.encode([toPayload(customer)]);
    expect(decode(sealed.metadata!.encoding)).toBe('binary/encrypted');
    expect(decode(sealed.metadata!['encryption-key-id'])).toBe('key-a');
    const raw = Buffer.from(sealed.data!).toString('latin1');
    expect(raw).not.toContain('Wilhelmina');
    expect(raw).not.toContain('json/plain');
    const [plain] = await codec.decode([sealed]);
    expect(fromPayload(plain)).toEqual(customer);
  });

  it('uses a fresh nonce per payload: the same value never encrypts the same way twice', async () => {
    const codec = new EncryptionCodec([a]);
    const [x, y] = await codec.encode([toPayload(customer), toPayload(customer)]);
    expect(Buffer.from(x.data!).subarray(0, 12).equals(Buffer.from(y.data!).subarray(0, 12))).toBe(false);
    expect(Buffer.from(x.data!).equals(Buffer.from(y.data!))).toBe(false);
  });

  it('after rotation (B current, A kept) reads payloads written under A and writes new ones under B', async () => {
    const [underA] = await new EncryptionCodec([a]).encode([toPayload(customer)]);
    const rotated = new EncryptionCodec([b, a]);
    expect(fromPayload((await rotated.decode([underA]))[0])).toEqual(customer);
    const [underB] = await rotated.encode([toPayload(customer)]);
    expect(decode(underB.metadata!['encryption-key-id'])).toBe('key-b');
  });

  it('fails a payload whose key id is unknown with a message that names the key id', async () => {
    const [underA] = await new EncryptionCodec([a]).encode([toPayload(customer)]);
    await expect(new EncryptionCodec([b]).decode([underA])).rejects.toThrow(/key id "key-a".*not among the configured keys \(key-b\)/);
  });

  it('refuses altered data and a different key under the same id', async () => {
    const [sealed] = await new EncryptionCodec([a]).encode([toPayload(customer)]);
    const altered = Buffer.from(sealed.data!);
    altered[20] ^= 1;
    await expect(new EncryptionCodec([a]).decode([{ ...sealed, data: altered }])).rejects.toThrow(/key id "key-a" does not decrypt/);
    await expect(new EncryptionCodec([generatePayloadKey('key-a')]).decode([sealed])).rejects.toThrow(/key id "key-a" does not decrypt/);
  });

  it('passes payloads that were never encrypted (histories from before encryption)', async () => {
    const plain = toPayload(customer);
    expect(await new EncryptionCodec([a]).decode([plain])).toEqual([plain]);
  });
});

describe('payload encryption settings', () => {
  const production = PRODUCTION_ENV;
  const key = (id: string) => `${id}=${generatePayloadKey(id).key.toString('base64')}`;

  it('refuses to start in production without a key, unless PAYLOAD_ENCRYPTION=off says so', () => {
    expect(() => loadConfig(production)).toThrow(/PAYLOAD_ENCRYPTION_KEYS: required outside the sandbox[\s\S]*PAYLOAD_ENCRYPTION=off/);
    expect(loadConfig({ ...production, PAYLOAD_ENCRYPTION: 'off' }).payloadEncryption).toBeUndefined();
  });

  it('reads id=base64 keys, the first one current, from the setting or a key file', () => {
    const config = loadConfig({ ...production, PAYLOAD_ENCRYPTION_KEYS: `${key('new')},${key('old')}` });
    expect(payloadKeys(config)?.map((k) => k.id)).toEqual(['new', 'old']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-keys-')), 'keys');
    fs.writeFileSync(file, `# rotated 2026-12\n${key('k2')}\n${key('k1')}\n`);
    expect(payloadKeys(loadConfig({ ...production, PAYLOAD_ENCRYPTION_KEYS_FILE: file }))?.map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  it('names the setting and the entry of a bad key, never the key material', () => {
    const secretish = Buffer.alloc(16, 7).toString('base64');
    let message = '';
    try {
      loadConfig({ ...production, PAYLOAD_ENCRYPTION_KEYS: `good=${generatePayloadKey('x').key.toString('base64')},short=${secretish}` });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/PAYLOAD_ENCRYPTION_KEYS: entry 2 \(key id short\): the key must be 32 bytes in base64/);
    expect(message).not.toContain(secretish);
  });

  it('gives the sandbox its own key under DATA_DIR, created once and kept for later starts', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-data-'));
    const first = payloadKeys(loadConfig({ DATA_DIR: dataDir }));
    const again = payloadKeys(loadConfig({ DATA_DIR: dataDir }));
    expect(first).toHaveLength(1);
    expect(again?.[0].key.equals(first![0].key)).toBe(true);
    expect(fs.statSync(path.join(dataDir, 'payload-encryption.keys')).mode & 0o077).toBe(0);
  });
});
