import fs from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';
import type { TemporalConfig } from '../config';
import { SetupError } from '../setup-error';

/** The setting that chose the Temporal address, so a failure tells the user what to change. */
export const addressSetting = (cfg: TemporalConfig): string => (cfg.address ? 'TEMPORAL_ADDRESS' : 'TEMPORAL_DEV_PORT, the embedded dev server; TEMPORAL_ADDRESS is unset');

/** One set of connection options for clients and workers: TLS and API key only when configured (Temporal Cloud). */
export function connectionOptions(cfg: TemporalConfig, address: string): ConnectionOptions {
  const mtls =
    cfg.tlsCertPath && cfg.tlsKeyPath
      ? { clientCertPair: { crt: fs.readFileSync(cfg.tlsCertPath), key: fs.readFileSync(cfg.tlsKeyPath) } }
      : undefined;
  return {
    address,
    ...(mtls || cfg.apiKey ? { tls: mtls ?? true } : {}),
    ...(cfg.apiKey ? { apiKey: cfg.apiKey } : {}),
  };
}

/** The SDK says only "Failed to connect before the deadline": this names the address and the setting behind it. */
async function naming<T>(cfg: TemporalConfig, address: string, connect: () => Promise<T>): Promise<T> {
  try {
    return await connect();
  } catch (err) {
    throw new SetupError(`cannot connect to Temporal at ${address} (${addressSetting(cfg)}): ${(err as Error).message}`);
  }
}

/** `converter`: codec/data-converter.ts's dataConverter(config), the same for every client and worker. */
export async function connectClient(cfg: TemporalConfig, address: string, converter: DataConverter): Promise<Client> {
  const connection = await naming(cfg, address, () => Connection.connect(connectionOptions(cfg, address)));
  return new Client({ connection, namespace: cfg.namespace, dataConverter: converter });
}

export async function connectWorker(cfg: TemporalConfig, address: string): Promise<NativeConnection> {
  const { address: addr, tls } = connectionOptions(cfg, address);
  return naming(cfg, address, () => NativeConnection.connect({ address: addr, tls, apiKey: cfg.apiKey }));
}
