/** The physical lines of a ShipStation order: what shipments must cover before the order counts as shipped. */
export interface OrderLine {
  lineItemKey: string | null | undefined;
  quantity: number;
  adjustment?: boolean;
}
