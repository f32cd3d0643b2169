import { startDevServer, type DevServer } from '../../src/temporal/dev-server';
import { freePort } from '../../src/util/free-port';

declare global {
  var __UCSHIP_DEV_SERVER__: DevServer | undefined;
}

/** One real Temporal dev server for the whole suite, unless TEMPORAL_ADDRESS points at one already. */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEMPORAL_ADDRESS) {
    process.env.UCSHIP_TEST_TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS;
    return;
  }
  const server = await startDevServer({ port: await freePort() });
  globalThis.__UCSHIP_DEV_SERVER__ = server;
  process.env.UCSHIP_TEST_TEMPORAL_ADDRESS = server.address;
}
