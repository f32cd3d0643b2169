import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config';
import { EncryptionCodec } from './encryption-codec';
import { formatPayloadKey, generatePayloadKey, parsePayloadKeys, readOrCreateSecretFile, type PayloadKey } from './keys';

/** The module with the `failureConverter` export, for clients, workers and the workflow bundle alike. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/** The configured keys; in the sandbox its own key, created under DATA_DIR on first use and kept for later starts. */
export function payloadKeys(config: Pick<Config, 'payloadEncryption'>): PayloadKey[] | undefined {
  const enc = config.payloadEncryption;
  if (!enc) return undefined;
  if ('keys' in enc) return enc.keys;
  const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const content = readOrCreateSecretFile(enc.sandboxKeyFile, () => `${formatPayloadKey(generatePayloadKey(`sandbox-${stamp}`))}\n`);
  const { keys, problems } = parsePayloadKeys(content);
  if (problems.length > 0) throw new Error(`${enc.sandboxKeyFile}: ${problems.join('; ')}`);
  return keys;
}

export function payloadCodec(config: Pick<Config, 'payloadEncryption'>): EncryptionCodec | undefined {
  const keys = payloadKeys(config);
  return keys && new EncryptionCodec(keys);
}

/**
 * The one data converter of every client and worker ucship creates: payloads encrypted by the codec, failure
 * messages and stack traces moved into an encoded (so encrypted) payload.
 */
export function dataConverter(config: Pick<Config, 'payloadEncryption'>, codec = payloadCodec(config)): DataConverter {
  return { failureConverterPath: FAILURE_CONVERTER_PATH, payloadCodecs: codec ? [codec] : [] };
}
