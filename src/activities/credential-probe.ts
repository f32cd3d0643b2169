import { IntegrationError } from '../errors';
import type { ShipStationClient } from '../shipstation/client';

/** One cheap ShipStation call, to learn whether a refused key works again (the alerts workflow, while refused). */
export function createCredentialProbeActivities(deps: { shipstation: Pick<ShipStationClient, 'listStores'> }) {
  return {
    async probeShipStationCredentials(): Promise<boolean> {
      try {
        await deps.shipstation.listStores();
        return true;
      } catch (err) {
        // A refusal, or a fault that says nothing about the key: asked again at the next sweep.
        if (err instanceof IntegrationError) return false;
        throw err;
      }
    },
  };
}
export type CredentialProbeActivities = ReturnType<typeof createCredentialProbeActivities>;
