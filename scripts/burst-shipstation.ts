/**
 * Sends a burst of requests through the ShipStation client to the simulator at ShipStation's default budget
 * (40 per window) and reports how many 429s the client met and how long the burst took.
 *   npx tsx scripts/burst-shipstation.ts [--requests 200] [--window-ms 2000] [--clients 1]
 * The real window is 60 s; a shorter one keeps the run short with the same 40-per-window arithmetic.
 */
import { Command } from 'commander';
import { z } from 'zod';
import { SANDBOX_DEFAULTS } from '../src/config';
import { shipStationAdmin } from '../sandbox/admin-client';
import { startShipStationSimulator } from '../sandbox/shipstation';
import { createShipStationClient } from '../src/shipstation/client';

const LIMIT = 40;

const options = z
  .object({ requests: z.coerce.number().int().positive(), windowMs: z.coerce.number().int().positive(), clients: z.coerce.number().int().positive() })
  .parse(
    new Command()
      .option('--requests <n>', 'requests in the burst', '200')
      .option('--window-ms <ms>', 'rate-limit window of the simulator', '2000')
      .option('--clients <n>', 'client instances sharing the key (separate programs)', '1')
      .parse()
      .opts(),
  );

async function main() {
  const sim = await startShipStationSimulator({ port: 0, rateLimitPerMinute: LIMIT, rateLimitWindowMs: options.windowMs });
  let seen429 = 0;
  const countingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (res.status === 429) seen429 += 1;
    return res;
  };
  const clients = Array.from({ length: options.clients }, () =>
    createShipStationClient(
      { apiKey: SANDBOX_DEFAULTS.apiKey, apiSecret: SANDBOX_DEFAULTS.apiSecret, baseUrl: sim.url, storeId: 1, timeoutMs: 30_000, rateLimitPerMinute: LIMIT, rateLimitReserve: 0, statusMap: {} },
      { fetch: countingFetch, retry429: 20 },
    ),
  );
  const started = Date.now();
  const results = await Promise.allSettled(Array.from({ length: options.requests }, (_, i) => clients[i % clients.length].listStores()));
  const elapsedMs = Date.now() - started;
  const stats = await shipStationAdmin(sim.url).stats();
  await sim.close();

  const failed = results.filter((r) => r.status === 'rejected').length;
  const windows = Math.ceil(options.requests / LIMIT);
  console.log(
    JSON.stringify(
      {
        requests: options.requests,
        clients: options.clients,
        limitPerWindow: LIMIT,
        windowMs: options.windowMs,
        succeeded: options.requests - failed,
        failed,
        status429SeenByClient: seen429,
        requestsServed: stats.total,
        elapsedMs,
        lowerBoundMs: (windows - 1) * options.windowMs,
      },
      null,
      2,
    ),
  );
  if (failed > 0) process.exitCode = 1;
}

void main();
