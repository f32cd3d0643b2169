import { isOrderFullyShipped, planWriteBacks, shipmentToWriteBack } from '../../src/mapping';
import { shipmentWriteBackSchema } from '../../src/ultracart/order-schema';
import { aShipment } from './fixtures';

const lines = [
  { lineItemKey: '1', quantity: 2 },
  { lineItemKey: '2', quantity: 1 },
  { lineItemKey: 'coupon-1', quantity: 1, adjustment: true },
];

/** One case per row of the Write-back table of field-map.md, named after the row. */
describe('field map, Write-back: ShipStation shipment(s) → UltraCart', () => {
  it('status update: order shipped, or all items covered by non-void shipments', () => {
    expect(isOrderFullyShipped(lines, [], 'shipped')).toBe(true);
    expect(isOrderFullyShipped(lines, [aShipment()])).toBe(true);
    // A split order: covered only once both parts have live labels.
    const first = aShipment({ shipmentId: 1, shipmentItems: [{ lineItemKey: '1', quantity: 2 }] });
    const second = aShipment({ shipmentId: 2, shipmentItems: [{ lineItemKey: '2', quantity: 1 }] });
    expect(isOrderFullyShipped(lines, [first], 'awaiting_shipment')).toBe(false);
    expect(isOrderFullyShipped(lines, [first, second])).toBe(true);
    expect(isOrderFullyShipped(lines, [first, { ...second, voided: true }])).toBe(false);
    expect(isOrderFullyShipped(lines, [first, { ...second, isReturnLabel: true }])).toBe(false);
    // Partial quantity, a repeated listing of it, and a shipment listed without its items cover too little.
    const partial = aShipment({ shipmentId: 3, shipmentItems: [{ lineItemKey: '1', quantity: 1 }, { lineItemKey: '2', quantity: 1 }] });
    expect(isOrderFullyShipped(lines, [partial, partial])).toBe(false);
    expect(isOrderFullyShipped(lines, [aShipment({ shipmentItems: null })])).toBe(false);
  });

  it('tracking number(s): trackingNumber of every outbound, non-void, non-return shipment → tracking_numbers[]', () => {
    const plan = planWriteBacks(
      [
        aShipment({ shipmentId: 1, trackingNumber: 'T1' }),
        aShipment({ shipmentId: 2, trackingNumber: 'T2' }),
        aShipment({ shipmentId: 3, trackingNumber: 'RET', isReturnLabel: true }),
        aShipment({ shipmentId: 4, trackingNumber: 'VOID', voided: true }),
      ],
      {},
    );
    expect(plan.map((w) => [w.shipment_id, w.tracking_numbers])).toEqual([
      ['1', ['T1']],
      ['2', ['T2']],
    ]);
    expect(shipmentToWriteBack(aShipment({ isReturnLabel: true })).tracking_numbers).toEqual([]);
  });

  it('carrier: carrierCode → carrier as a readable name (UPS, USPS...), the code kept when unknown', () => {
    const carrier = (carrierCode: string) => shipmentToWriteBack(aShipment({ carrierCode })).carrier;
    expect(carrier('ups_walleted')).toBe('UPS');
    expect(carrier('ups')).toBe('UPS');
    expect(carrier('stamps_com')).toBe('USPS');
    expect(carrier('usps')).toBe('USPS');
    expect(carrier('fedex')).toBe('FedEx');
    expect(carrier('dhl_express_worldwide')).toBe('DHL Express');
    expect(carrier('dhl_ecommerce')).toBe('DHL eCommerce');
    expect(carrier('upsmi')).toBe('upsmi');
    expect(carrier('my_regional_courier')).toBe('my_regional_courier');
  });

  it('service: serviceCode → service', () => {
    expect(shipmentToWriteBack(aShipment({ serviceCode: 'usps_priority_mail' })).service).toBe('usps_priority_mail');
  });

  it('carrier fee: shipmentCost + insuranceCost → shipping_cost', () => {
    expect(shipmentToWriteBack(aShipment({ shipmentCost: 8.4, insuranceCost: 1.1 })).shipping_cost).toBe(9.5);
    expect(shipmentToWriteBack(aShipment({ shipmentCost: 0.1, insuranceCost: 0.2 })).shipping_cost).toBe(0.3);
    expect(shipmentToWriteBack(aShipment({ shipmentCost: 6, insuranceCost: null })).shipping_cost).toBe(6);
  });

  it('notes to buyer: shipment notesToBuyer → notes_to_buyer', () => {
    expect(shipmentToWriteBack(aShipment({ notesToBuyer: 'Thanks &amp; enjoy!' })).notes_to_buyer).toBe('Thanks & enjoy!');
    expect(shipmentToWriteBack(aShipment()).notes_to_buyer).toBeUndefined();
  });

  it('voided label: its tracking number is withdrawn from UltraCart (write-back sent again without it)', () => {
    const voided = aShipment({ shipmentId: 7, voided: true, voidDate: '2024-01-17T08:00:00.0000000' });
    expect(planWriteBacks([voided], { '7': { voided: false } })).toEqual([
      { shipment_id: '7', tracking_numbers: [], carrier: 'UPS', service: 'ups_ground', shipping_cost: 0, ship_date: '2024-01-16' },
    ]);
    // Never written, or already withdrawn: nothing to send.
    expect(planWriteBacks([voided], {})).toEqual([]);
    expect(planWriteBacks([voided], { '7': { voided: true } })).toEqual([]);
  });

  it('idempotent per shipmentId: a shipment notified twice (webhook and poll, repeated webhook) is written once', () => {
    const s = aShipment({ shipmentId: 9 });
    expect(planWriteBacks([s, s], {})).toHaveLength(1);
    expect(planWriteBacks([s], { '9': { voided: false } })).toEqual([]);
    // Listed live and voided in one batch: the void wins, and a never-written void sends nothing.
    expect(planWriteBacks([s, { ...s, voided: true }], {})).toEqual([]);
    expect(planWriteBacks([{ ...s, voided: true }, s], { '9': { voided: false } })).toMatchObject([{ shipment_id: '9', tracking_numbers: [] }]);
  });

  it('every write-back passes the UltraCart shippedWithDetails schema', () => {
    for (const s of [aShipment(), aShipment({ voided: true }), aShipment({ carrierCode: null, serviceCode: null, shipDate: null, shipmentCost: null })]) {
      expect(shipmentWriteBackSchema.parse(shipmentToWriteBack(s))).toEqual(shipmentToWriteBack(s));
    }
  });
});
