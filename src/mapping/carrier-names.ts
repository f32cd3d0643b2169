/**
 * ShipStation carrier codes → the names a buyer reads in UltraCart. A code matches an entry exactly or as a
 * prefix followed by `_` (so `ups_walleted` is UPS, `dhl_express_worldwide` is DHL Express); the longest
 * entry wins. Unknown codes are kept as they are.
 */
const CARRIER_NAMES: Record<string, string> = {
  ups: 'UPS',
  usps: 'USPS',
  stamps_com: 'USPS',
  endicia: 'USPS',
  fedex: 'FedEx',
  dhl_express: 'DHL Express',
  dhl_ecommerce: 'DHL eCommerce',
  dhl_global_mail: 'DHL eCommerce',
  ontrac: 'OnTrac',
  lasership: 'LaserShip',
  amazon_shipping: 'Amazon Shipping',
  amazon_buy_shipping: 'Amazon Shipping',
  canada_post: 'Canada Post',
  purolator_ca: 'Purolator',
  royal_mail: 'Royal Mail',
  australia_post: 'Australia Post',
  asendia: 'Asendia',
  apc: 'APC',
  firstmile: 'FirstMile',
  newgistics: 'Newgistics',
  globegistics: 'Globegistics',
  sendle: 'Sendle',
};

const BY_LENGTH = Object.keys(CARRIER_NAMES).sort((a, b) => b.length - a.length);

export function carrierName(code: string): string {
  const normalized = code.trim().toLowerCase();
  const match = BY_LENGTH.find((key) => normalized === key || normalized.startsWith(`${key}_`));
  return match === undefined ? code : CARRIER_NAMES[match];
}
