import { shipStationAdmin, ultraCartAdmin } from './admin-client';
import { startShipStationSimulator, type ShipStationSimulatorOptions } from './shipstation';
import { startUltraCartSimulator, type UltraCartSimulatorOptions } from './ultracart';

export interface SimulatorsOptions {
  /** Defaults: any free port, the sandbox credentials. */
  ultracart?: UltraCartSimulatorOptions;
  shipstation?: ShipStationSimulatorOptions;
}

/**
 * Both simulators, with a typed admin client each; the sandbox of `npm start`, the tests, the drills and the
 * benchmark all start them here. A failure half-way closes what already started.
 */
export async function startSimulators(opts: SimulatorsOptions = {}) {
  const uc = await startUltraCartSimulator({ port: 0, ...opts.ultracart });
  const ss = await startShipStationSimulator({ port: 0, ...opts.shipstation }).catch(async (err: unknown) => {
    await uc.close();
    throw err;
  });
  return {
    uc,
    ss,
    ucAdmin: ultraCartAdmin(uc.url),
    ssAdmin: shipStationAdmin(ss.url),
    async close(): Promise<void> {
      await ss.close();
      await uc.close();
    },
  };
}
export type Simulators = Awaited<ReturnType<typeof startSimulators>>;
