import fs from 'node:fs';

/**
 * A secret that may live in a file (the `*_FILE` settings, e.g. a mounted Kubernetes or Docker secret). The file
 * is read again whenever it changes, so a rotated key is used by the next request without a restart. Without a
 * file the secret is the value it was given.
 */
export type LiveSecret = () => string;

export function liveSecret(value: string, file: string | undefined): LiveSecret {
  if (file === undefined) return () => value;
  let current = value;
  let stamp = '';
  return () => {
    try {
      const stat = fs.statSync(file);
      const next = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
      if (next !== stamp) {
        current = readSecretFile(file);
        stamp = next;
      }
    } catch {
      // A file being replaced (rename over it) may be missing for a moment: keep the last value read.
    }
    return current;
  };
}

/** The file's content without the trailing newline editors and `echo` add. */
export function readSecretFile(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '').trim();
}
