import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** One AES-256 key and the id written next to every payload it encrypted, so old histories find their key. */
export interface PayloadKey {
  id: string;
  /** Secret: 32 bytes, never logged, never in an error message. */
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KEY_BYTES = 32;

/**
 * Parses `id=base64key` entries separated by commas or newlines (`#` starts a comment line); the first one
 * encrypts, all of them decrypt. Problems name the entry by position and id, never the key material.
 */
export function parsePayloadKeys(text: string): { keys: PayloadKey[]; problems: string[] } {
  const entries = text
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '' && !e.startsWith('#'));
  const keys: PayloadKey[] = [];
  const problems: string[] = [];
  entries.forEach((entry, i) => {
    const eq = entry.indexOf('=');
    const id = eq < 0 ? '' : entry.slice(0, eq).trim();
    const where = `entry ${i + 1}${id ? ` (key id ${id})` : ''}`;
    if (!KEY_ID.test(id)) return problems.push(`${where}: expected id=base64key with an id of letters, digits, '.', '_' or '-'`);
    const material = entry.slice(eq + 1).trim();
    const key = Buffer.from(material, 'base64');
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(material) || key.length !== KEY_BYTES) {
      return problems.push(`${where}: the key must be ${KEY_BYTES} bytes in base64 (e.g. \`openssl rand -base64 32\`)`);
    }
    if (keys.some((k) => k.id === id)) return problems.push(`${where}: key id ${id} appears twice`);
    keys.push({ id, key });
  });
  if (entries.length === 0) problems.push('no key given');
  return { keys, problems };
}

export const formatPayloadKey = (k: PayloadKey): string => `${k.id}=${k.key.toString('base64')}`;

export function generatePayloadKey(id: string): PayloadKey {
  return { id, key: crypto.randomBytes(KEY_BYTES) };
}

/**
 * The content of a secret file, created (owner-only) with `generate()` if it does not exist yet. Used for the
 * sandbox's own key and codec token under DATA_DIR; `wx` makes two starts racing for it agree on one.
 */
export function readOrCreateSecretFile(file: string, generate: () => string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, generate(), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8');
}
