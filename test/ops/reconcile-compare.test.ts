import { compare, type RunFacts, type ShipStationOrderFacts } from '../../src/ops/reconcile-compare';
import { parseOrderKey } from '../../src/contract';

const M = 'DEMO';
const orderIdOfKey = (key: string | null) => {
  const parsed = parseOrderKey(key);
  return parsed?.merchantId === M ? parsed.orderId : undefined;
};
let nextId = 100;
const ss = (orderNumber: string, over: Partial<ShipStationOrderFacts> = {}): ShipStationOrderFacts => ({
  orderId: nextId++,
  orderNumber,
  orderKey: `ultracart:${M}:${orderNumber}`,
  orderStatus: 'awaiting_shipment',
  splitOrMerged: false,
  ...over,
});
const run = (stage: string, status = 'RUNNING'): RunFacts => ({ status, stage });
const judge = (orders: ShipStationOrderFacts[], runs: Record<string, RunFacts> = {}) => compare({ merchantId: M, orders, runs: new Map(Object.entries(runs)), orderIdOfKey });

describe('reconciliation: what is wrong between ShipStation and the workflows', () => {
  it('an order in step on both sides is not a finding', () => {
    expect(judge([ss('1')], { 1: run('awaiting_shipment') })).toEqual([]);
    expect(judge([ss('2', { orderStatus: 'shipped' })], { 2: run('written_back', 'COMPLETED') })).toEqual([]);
  });

  it('ucship orderKey with no workflow: an orphan to start (unless cancelled there)', () => {
    expect(judge([ss('3')])).toEqual([expect.objectContaining({ kind: 'orphan', orderId: '3', remedy: 'start_workflow' })]);
    expect(judge([ss('4', { orderStatus: 'cancelled' })])).toEqual([]);
  });

  it('other merchants and other channels are none of ours', () => {
    expect(judge([ss('5', { orderKey: 'ultracart:OTHER:5' }), ss('6', { orderKey: 'amazon-123' })])).toEqual([]);
  });

  it('shipped in ShipStation, not written back: look again when waiting, or parked holding its ShipStation order; else report', () => {
    const shipped = { orderStatus: 'shipped' };
    const holding = (stage: string): RunFacts => ({ ...run(stage), shipStationOrderId: 1 });
    expect(judge([ss('7', shipped)], { 7: run('awaiting_shipment') })).toEqual([expect.objectContaining({ kind: 'shipped_not_written_back', remedy: 'look_again' })]);
    expect(judge([ss('8', shipped)], { 8: holding('needs_attention') })).toEqual([expect.objectContaining({ kind: 'shipped_not_written_back', remedy: 'look_again' })]);
    expect(judge([ss('8r', shipped)], { '8r': holding('retrying') })).toEqual([expect.objectContaining({ kind: 'shipped_not_written_back', remedy: 'look_again' })]);
    // Parked before it reached ShipStation: a look finds nothing of its own to poll until it is requeued.
    expect(judge([ss('8n', shipped)], { '8n': run('needs_attention') })).toEqual([expect.objectContaining({ kind: 'shipped_not_written_back', remedy: 'report' })]);
    expect(judge([ss('8i', shipped)], { '8i': holding('importing') })).toEqual([expect.objectContaining({ kind: 'shipped_not_written_back', remedy: 'report' })]);
    expect(judge([ss('9', shipped)], { 9: run('written_back') })).toEqual([]);
  });

  it('a difference still on its way is left to a later run: a write-back in progress, a change made a moment ago', () => {
    const shipped = { orderStatus: 'shipped' };
    expect(judge([ss('20', shipped)], { 20: run('writing_back') })).toEqual([]);
    const now = 1_800_000_000_000;
    const recent = (orders: ShipStationOrderFacts[], runs: Record<string, RunFacts>) =>
      compare({ merchantId: M, orders, runs: new Map(Object.entries(runs)), orderIdOfKey, recentSinceMs: now - 15 * 60_000 });
    // Shipped a minute ago, its SHIP_NOTIFY not handled yet: nothing to heal or alert.
    expect(recent([ss('21', { ...shipped, modifiedAtMs: now - 60_000 })], { 21: run('awaiting_shipment') })).toEqual([]);
    expect(recent([ss('22', { orderStatus: 'cancelled', modifiedAtMs: now - 60_000 })], { 22: run('awaiting_shipment') })).toEqual([]);
    // Shipped an hour ago and still not written back: healed.
    expect(recent([ss('23', { ...shipped, modifiedAtMs: now - 3_600_000 })], { 23: run('awaiting_shipment') })).toEqual([expect.objectContaining({ kind: 'shipped_not_written_back', remedy: 'look_again' })]);
  });

  it('cancelled in ShipStation while open here', () => {
    expect(judge([ss('10', { orderStatus: 'cancelled' })], { 10: run('awaiting_shipment') })).toEqual([expect.objectContaining({ kind: 'cancelled_still_open', remedy: 'look_again' })]);
    expect(judge([ss('10r', { orderStatus: 'cancelled' })], { '10r': { ...run('retrying'), shipStationOrderId: 1 } })).toEqual([expect.objectContaining({ kind: 'cancelled_still_open', remedy: 'look_again' })]);
    expect(judge([ss('11', { orderStatus: 'cancelled' })], { 11: run('cancelled', 'COMPLETED') })).toEqual([]);
  });

  it('open in ShipStation while the workflow failed or was terminated', () => {
    expect(judge([ss('12')], { 12: run('awaiting_shipment', 'TERMINATED') })).toEqual([expect.objectContaining({ kind: 'workflow_ended', remedy: 'start_workflow' })]);
  });

  it('two live ShipStation orders for one UltraCart order: a duplicate, reported only', () => {
    const found = judge([ss('13'), ss('13', { orderKey: 'native-uc-13' })], { 13: run('awaiting_shipment') });
    expect(found).toEqual([expect.objectContaining({ kind: 'duplicate', orderId: '13', remedy: 'report', shipStationOrderIds: [expect.any(Number), expect.any(Number)] })]);
  });

  it('a cancelled copy or an order split in ShipStation is not a duplicate', () => {
    expect(judge([ss('14'), ss('14', { orderKey: 'x', orderStatus: 'cancelled' })], { 14: run('awaiting_shipment') })).toEqual([]);
    expect(judge([ss('15'), ss('15', { orderKey: 'x', splitOrMerged: true })], { 15: run('awaiting_shipment') })).toEqual([]);
  });
});
