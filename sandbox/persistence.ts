import fs from 'node:fs';
import path from 'node:path';

export interface Persisted<T> {
  snapshot(): T;
  restore(data: T): void;
}

export interface Persistence {
  /** Whether a saved state was found and restored at start. */
  restored: boolean;
  /** Saves one last time and stops the periodic save. */
  stop(): void;
}

const SAVE_EVERY_MS = 1000;

/**
 * Keeps a simulator's store in a JSON file, so the sandbox survives a restart of `npm start` the way the real
 * services would: orders in flight in Temporal still find their UltraCart and ShipStation counterparts.
 * Written atomically (rename) and only when it changed; a hard kill loses at most the last second.
 */
export function persistState<T>(file: string, store: Persisted<T>): Persistence {
  let restored = false;
  if (fs.existsSync(file)) {
    store.restore(JSON.parse(fs.readFileSync(file, 'utf8')) as T);
    restored = true;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let last = '';
  const save = () => {
    const text = JSON.stringify(store.snapshot());
    if (text === last) return;
    fs.writeFileSync(`${file}.tmp`, text);
    fs.renameSync(`${file}.tmp`, file);
    last = text;
  };
  const timer = setInterval(save, SAVE_EVERY_MS);
  timer.unref();
  return {
    restored,
    stop: () => {
      clearInterval(timer);
      save();
    },
  };
}
