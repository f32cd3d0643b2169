import fs from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';
import type { TemporalConfig } from '../config';

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

/** `converter`: codec/data-converter.ts's dataConverter(config), the same for every client and worker. */
export async function connectClient(cfg: TemporalConfig, address: string, converter: DataConverter): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(cfg, address));
  return new Client({ connection, namespace: cfg.namespace, dataConverter: converter });
}

export async function connectWorker(cfg: TemporalConfig, address: string): Promise<NativeConnection> {
  const { address: addr, tls } = connectionOptions(cfg, address);
  return NativeConnection.connect({ address: addr, tls, apiKey: cfg.apiKey });
}
