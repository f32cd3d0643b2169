import fs from 'node:fs';
import type { Client } from '@temporalio/client';
import { parse as parseDotenv } from 'dotenv';
import { dataConverter } from '../codec/data-converter';
import { loadConfig, type Config } from '../config';
import { connectClient } from '../temporal/connection';
import { temporalAddress } from '../temporal/server';

/**
 * Fills the settings the environment leaves unset (or empty) from a `.env` file in the working directory, and
 * returns the names it filled, so `ucship config` can say where each value came from.
 */
export function loadEnvFile(file = '.env'): Set<string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return new Set(); // no .env: the environment alone
  }
  const filled = new Set<string>();
  for (const [name, value] of Object.entries(parseDotenv(text))) {
    if ((process.env[name] ?? '').trim() !== '' || value.trim() === '') continue;
    process.env[name] = value;
    filled.add(name);
  }
  return filled;
}

/** Settings from the environment, with a `.env` file in the working directory filling what is unset. */
export function cliConfig(): Config {
  loadEnvFile();
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
