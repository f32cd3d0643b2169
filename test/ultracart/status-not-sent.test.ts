import { formatStatus } from '../../src/cli/orders';
import type { OrderStatus } from '../../src/contract';

/** `ucship status` says plainly what the transport could not carry to UltraCart. */
const status = (writtenBack: OrderStatus['writtenBack']): OrderStatus => ({
  merchantId: 'DEMO',
  orderId: '1001',
  stage: 'written_back',
  reason: 'written back: 1Z1',
  shipStationOrderId: 7,
  acknowledgedAt: '2024-05-01T12:00:00Z',
  writtenBack,
  lastError: undefined,
  attempts: 1,
});

it('lists, per label, what did not travel under REST', () => {
  const text = formatStatus(status({ '11': { voided: false, trackingNumbers: ['1Z1'], notSent: ['carrier UPS', 'service ups_ground', 'ship date 2024-05-02'] } }), 'RUNNING');
  expect(text).toMatch(/not sent to UltraCart .*: 11: carrier UPS, service ups_ground, ship date 2024-05-02/);
});

it('says nothing of it when everything travelled (SOAP), or for a voided label', () => {
  expect(formatStatus(status({ '11': { voided: false, trackingNumbers: ['1Z1'] } }), 'RUNNING')).not.toMatch(/not sent/);
  expect(formatStatus(status({ '11': { voided: true, trackingNumbers: [], notSent: ['carrier UPS'] } }), 'RUNNING')).not.toMatch(/not sent/);
});
