import { throughputScenario, type Log } from './scenarios';

/**
 * End-to-end throughput with payload encryption off and on, each run on a fresh stack (the same orders, limit
 * off): what the codec costs the whole path, not a micro-benchmark of AES. The runs go off, on, on, off (ABBA),
 * so a machine whose load drifts during the runs weighs on both sides alike.
 */
export async function encryptionScenario(o: { orders: number; log: Log }) {
  const runs: Array<{ encryption: boolean; ordersPerSecondEndToEnd: number; endToEndMs: number; naiveLoopOrdersPerSecond: number }> = [];
  for (const encryption of [false, true, true, false]) {
    const t = (await throughputScenario({ orders: o.orders, historySample: 5, encryption, log: o.log })).throughput;
    runs.push({ encryption, ordersPerSecondEndToEnd: t.ordersPerSecondEndToEnd, endToEndMs: t.endToEndMs, naiveLoopOrdersPerSecond: t.naive.ordersPerSecond });
  }
  const mean = (on: boolean) => {
    const xs = runs.filter((r) => r.encryption === on).map((r) => r.ordersPerSecondEndToEnd);
    return Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;
  };
  const on = mean(true);
  const off = mean(false);
  return { orders: o.orders, order: 'off, on, on, off', runs, on: { ordersPerSecondEndToEnd: on }, off: { ordersPerSecondEndToEnd: off }, onOverOff: Math.round((on / off) * 1000) / 1000 };
}
