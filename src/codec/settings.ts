import fs from 'node:fs';
import path from 'node:path';
import { parsePayloadKeys, type PayloadKey } from './keys';

/** Where the payload keys come from: given (inline or a key file), or the sandbox's own file under DATA_DIR. */
export type PayloadEncryptionConfig = { keys: PayloadKey[] } | { sandboxKeyFile: string };

const OFF_HINT = 'PAYLOAD_ENCRYPTION=off keeps customer data in plain text in Temporal';

/**
 * PAYLOAD_ENCRYPTION, PAYLOAD_ENCRYPTION_KEYS, PAYLOAD_ENCRYPTION_KEYS_FILE: problems by setting name (never a key).
 * Outside the sandbox a key is required unless encryption is switched off explicitly.
 */
export function parsePayloadEncryption(
  source: NodeJS.ProcessEnv,
  sandbox: boolean,
  dataDir: string,
): { config: PayloadEncryptionConfig | undefined; problems: string[] } {
  const text = (k: string) => (source[k] ?? '').trim() || undefined;
  const inline = text('PAYLOAD_ENCRYPTION_KEYS');
  const file = text('PAYLOAD_ENCRYPTION_KEYS_FILE');
  if (text('PAYLOAD_ENCRYPTION') === 'off') {
    const set = [inline && 'PAYLOAD_ENCRYPTION_KEYS', file && 'PAYLOAD_ENCRYPTION_KEYS_FILE'].filter(Boolean);
    return { config: undefined, problems: set.map((k) => `${k}: set while PAYLOAD_ENCRYPTION=off; remove one of them`) };
  }
  if (inline && file) return { config: undefined, problems: ['PAYLOAD_ENCRYPTION_KEYS_FILE: set only one of PAYLOAD_ENCRYPTION_KEYS and PAYLOAD_ENCRYPTION_KEYS_FILE'] };
  if (inline) return fromText('PAYLOAD_ENCRYPTION_KEYS', inline);
  if (file) {
    let content: string;
    try {
      content = fs.readFileSync(file, 'utf8');
    } catch (err) {
      return { config: undefined, problems: [`PAYLOAD_ENCRYPTION_KEYS_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`] };
    }
    return fromText('PAYLOAD_ENCRYPTION_KEYS_FILE', content);
  }
  if (sandbox) return { config: { sandboxKeyFile: path.join(dataDir, 'payload-encryption.keys') }, problems: [] };
  return { config: undefined, problems: [`PAYLOAD_ENCRYPTION_KEYS: required outside the sandbox (id=base64key, or PAYLOAD_ENCRYPTION_KEYS_FILE); ${OFF_HINT}`] };
}

function fromText(setting: string, content: string): { config: PayloadEncryptionConfig | undefined; problems: string[] } {
  const { keys, problems } = parsePayloadKeys(content);
  return problems.length > 0 ? { config: undefined, problems: problems.map((p) => `${setting}: ${p}`) } : { config: { keys }, problems: [] };
}
