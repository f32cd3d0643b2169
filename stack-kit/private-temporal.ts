import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { dataConverter } from '../src/codec/data-converter';
import { formatPayloadKey, generatePayloadKey } from '../src/codec/keys';
import { loadConfig } from '../src/config';
import { startDevServer, type DevServer } from '../src/temporal/dev-server';
import { freePort } from '../src/util/free-port';
import { waitForExit } from '../src/util/process-alive';

/**
 * A Temporal dev server of one's own on a free port (never 7233/8233, so it runs next to `npm start` and the
 * jest suite), in memory or on a SQLite file in `dir`, with a client. It can be SIGKILLed and brought back on
 * the same port and file, as the drills do. Payloads are encrypted with a key of its own (or not at all):
 * `encryptionEnv` gives the workers that share it the same setting.
 */
export class PrivateTemporal {
  private server: DevServer | undefined;
  client!: Client;
  readonly address: string;
  /** PAYLOAD_ENCRYPTION_KEYS (a fresh key, never the sandbox's file under .data/) or PAYLOAD_ENCRYPTION=off. */
  readonly encryptionEnv: Record<string, string>;

  private constructor(
    readonly port: number,
    readonly dbFile: string | undefined,
    encryption: boolean,
  ) {
    this.address = `127.0.0.1:${port}`;
    this.encryptionEnv = encryption ? { PAYLOAD_ENCRYPTION_KEYS: formatPayloadKey(generatePayloadKey('private')) } : { PAYLOAD_ENCRYPTION: 'off' };
  }

  /** `dir`: keep the state in `<dir>/temporal.sqlite` (so a restart resumes); none: in memory. */
  static async start(dir?: string, opts: { encryption?: boolean } = {}): Promise<PrivateTemporal> {
    const t = new PrivateTemporal(await freePort(), dir === undefined ? undefined : path.join(dir, 'temporal.sqlite'), opts.encryption !== false);
    await t.up();
    t.client = new Client({ connection: await Connection.connect({ address: t.address }), dataConverter: dataConverter(loadConfig(t.encryptionEnv)) });
    return t;
  }

  /** Starts (or restarts) the dev server on the same port with the same SQLite file. */
  async up(): Promise<void> {
    // Two cores shared with the tests can take well over a minute to bring it up.
    this.server = await startDevServer({ port: this.port, dbFile: this.dbFile, readyTimeoutMs: 120_000 });
  }

  /** SIGKILL: no chance to flush or shut down cleanly; only what SQLite committed survives. */
  async kill(): Promise<void> {
    const pid = this.server?.pid;
    if (pid === undefined) throw new Error('the dev server is not running: cannot kill it');
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 10_000);
    await this.server?.stop();
    this.server = undefined;
  }

  async stop(): Promise<void> {
    await this.client?.connection.close().catch(() => undefined);
    await this.server?.stop();
  }
}
