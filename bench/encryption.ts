import { throughputScenario, type Log } from './scenarios';

/**
 * End-to-end throughput with payload encryption off, then on, each on a fresh stack (the same orders, limit off):
 * what the codec costs the whole path, not a micro-benchmark of AES.
 */
export async function encryptionScenario(o: { orders: number; log: Log }) {
  const run = async (encryption: boolean) => (await throughputScenario({ orders: o.orders, historySample: 5, encryption, log: o.log })).throughput;
  const off = await run(false);
  const on = await run(true);
  const ratio = Math.round((on.ordersPerSecondEndToEnd / off.ordersPerSecondEndToEnd) * 1000) / 1000;
  return {
    orders: o.orders,
    off: { ordersPerSecondEndToEnd: off.ordersPerSecondEndToEnd, endToEndMs: off.endToEndMs, queuedToInShipStationMs: off.queuedToInShipStationMs },
    on: { ordersPerSecondEndToEnd: on.ordersPerSecondEndToEnd, endToEndMs: on.endToEndMs, queuedToInShipStationMs: on.queuedToInShipStationMs },
    onOverOff: ratio,
  };
}
