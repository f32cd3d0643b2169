import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../src/codec/data-converter';
import { testServerPath } from '../../src/temporal/binaries';
import { workflowBundleOptions } from '../../src/temporal/bundle';
import { testDataConverter } from './codec';

/** The suite's dev server, started once by global-setup.ts. */
export function devServerAddress(): string {
  const address = process.env.UCSHIP_TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('UCSHIP_TEST_TEMPORAL_ADDRESS is not set: run tests through jest (global-setup.ts)');
  return address;
}

export interface DevServerHandles {
  client: Client;
  nativeConnection: NativeConnection;
  close(): Promise<void>;
}

export async function connectDevServer(): Promise<DevServerHandles> {
  const address = devServerAddress();
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  return {
    client: new Client({ connection, dataConverter: testDataConverter() }),
    nativeConnection,
    close: async () => {
      await nativeConnection.close();
      await connection.close();
    },
  };
}

/** The time-skipping test server from .tools/bin (pinned), never a download; its client encrypts like the product's. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = testServerPath();
  return TestWorkflowEnvironment.createTimeSkipping({
    client: { dataConverter: testDataConverter() },
    ...(path ? { server: { executable: { type: 'existing-path', path } } } : {}),
  });
}

/**
 * Bundles a workflows file once per source state and reuses the bundle across test files and runs
 * (webpack takes seconds on 2 cores); the cache key is the content of every file under src/ and the entry.
 */
export async function bundleOnce(workflowsPath: string): Promise<WorkflowBundle> {
  const key = crypto.createHash('sha256').update(workflowsPath).update(FAILURE_CONVERTER_PATH).update(sourceFingerprint(path.dirname(workflowsPath))).update(sourceFingerprint(path.resolve(__dirname, '../../src'))).digest('hex').slice(0, 16);
  const file = path.join(os.tmpdir(), 'ucship-bundles', `${key}.js`);
  if (fs.existsSync(file)) return { code: fs.readFileSync(file, 'utf8') };
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(workflowsPath), logger: silentLogger });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, file);
  return { code };
}

function sourceFingerprint(dir: string): string {
  const hash = crypto.createHash('sha256');
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const full = path.join(entry.parentPath, entry.name);
    hash.update(full).update(fs.readFileSync(full));
  }
  return hash.digest('hex');
}

const noop = () => undefined;
const silentLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
