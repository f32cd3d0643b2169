/** The physical lines of a ShipStation order: what shipments must cover before the order counts as shipped. */
export interface OrderLine {
  lineItemKey: string | null | undefined;
  quantity: number;
  adjustment?: boolean;
}

export interface WrittenShipment {
  voided: boolean;
  trackingNumbers: string[];
  /** What the transport could not carry to UltraCart (REST: carrier, service, ship date, notes to buyer). */
  notSent?: string[];
}
