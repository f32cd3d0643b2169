import type { Client } from '@temporalio/client';
import { config as loadDotenv } from 'dotenv';
import { dataConverter } from '../codec/data-converter';
import { loadConfig, type Config } from '../config';
import { connectClient } from '../temporal/connection';
import { temporalAddress } from '../temporal/server';

/** Settings from the environment, with a `.env` file in the working directory filling what is unset. */
export function cliConfig(): Config {
  loadDotenv({ quiet: true });
  return loadConfig(process.env);
}

export async function withTemporal<T>(config: Config, run: (client: Client) => Promise<T>): Promise<T> {
  const client = await connectClient(config.temporal, temporalAddress(config), dataConverter(config));
  try {
    return await run(client);
  } finally {
    await client.connection.close();
  }
}
