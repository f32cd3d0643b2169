import path from 'node:path';
import type { Config } from '../config';
import { startDevServer } from './dev-server';

export interface TemporalServer {
  address: string;
  /** The Web UI, when this process runs the embedded dev server. */
  uiUrl: string | undefined;
  /** See DevServer.leftoverPid. */
  leftoverPid?: number;
  stop(): Promise<void>;
}

/** The Temporal address clients use: TEMPORAL_ADDRESS, else the embedded dev server's port on this machine. */
export const temporalAddress = (config: Config): string => config.temporal.address ?? `127.0.0.1:${config.temporal.devPort}`;

/** The configured Temporal (TEMPORAL_ADDRESS), or else the embedded dev server with its state under DATA_DIR. */
export async function ensureTemporalServer(config: Config, uiCodecEndpoint?: string): Promise<TemporalServer> {
  if (config.temporal.address) return { address: config.temporal.address, uiUrl: undefined, stop: async () => undefined };
  return startDevServer({
    port: config.temporal.devPort,
    uiPort: config.temporal.uiPort,
    dbFile: path.resolve(config.dataDir, 'temporal.sqlite'),
    uiCodecEndpoint,
  });
}
