import type { Client } from '@temporalio/client';
import { activityCancellation } from './activities/heartbeat';
import type { Config } from './config';
import { registerShipStationPeers, registerUltraCartBudget, type Metrics } from './http/metrics';
import type { Logger } from './logger';
import { allObservers, observeClient } from './ops/api-calls';
import { createCredentialWatch } from './ops/credential-watch';
import { createShipStationClient, type ShipStationClient } from './shipstation/client';
import { reportCredentialState } from './temporal/ops-workflows';
import { processIdentity, watchPeerCount, type PeerCount } from './temporal/peer-count';
import { createUltraCartTransport, type UltraCartTransport } from './ultracart';
import { shipStationTaskQueue } from './workflows/retry-policies';

export interface ApiClients {
  ultracart: UltraCartTransport;
  shipstation: ShipStationClient;
  /** The worker processes polling the ShipStation queue, which share the key's budget; read while the workers run. */
  shipstationPeers: PeerCount;
}

/**
 * The two API clients as the product runs them (the tests' harness too): ShipStation's 429s waited out, every
 * call counted in the metrics, and a refused credential (or its recovery) reported once to the alerts workflow
 * and the `ucship_credentials_refused` gauge. With several worker processes on one key, each spends its share of
 * the ShipStation budget, split by the processes polling the ShipStation queue.
 */
export async function createApiClients(
  config: Config,
  deps: { temporal: Client; metrics: Metrics; logger: Logger; ultracart?: UltraCartTransport },
): Promise<ApiClients> {
  const watch = createCredentialWatch((side, refused) => {
    deps.metrics.credentialsRefused.set({ side }, refused ? 1 : 0);
    deps.logger[refused ? 'error' : 'info']({ side }, refused ? 'credentials refused: calls on this side wait until the setting is fixed' : 'credentials accepted again');
    reportCredentialState(deps.temporal, config, side, refused).catch((err: unknown) => deps.logger.warn({ err: (err as Error).message }, 'could not tell the alerts workflow'));
  });
  const observe = allObservers(deps.metrics.observeApiCall, watch);
  const transport = deps.ultracart ?? (await createUltraCartTransport(config.ultracart));
  registerUltraCartBudget(deps.metrics, transport.gate);
  const ultracart = observeClient(transport, 'ultracart', observe);
  // 429s are waited out inside the call (up to a minute): bursts then cost no attempts and grow no backoff.
  const shipstationPeers = watchPeerCount({
    client: deps.temporal,
    namespace: config.temporal.namespace,
    taskQueue: shipStationTaskQueue(config.temporal.taskQueue),
    self: processIdentity(),
    logger: deps.logger,
  });
  registerShipStationPeers(deps.metrics, shipstationPeers.peers);
  const shipstation = createShipStationClient(config.shipstation, { logger: deps.logger, retry429: true, observe, peers: shipstationPeers.peers, cancellation: activityCancellation });
  return { ultracart, shipstation, shipstationPeers };
}
