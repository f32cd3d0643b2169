import type { ShipStationAddress } from '../shipstation/schemas';
import type { UltraCartOrder } from '../ultracart/order-schema';
import { cleanText, joinText, stripControls } from './text';

type UltraCartAddress = NonNullable<UltraCartOrder['billing'] | UltraCartOrder['shipping']>;

/** Country codes are checked and sent upper-case (`us` is `US`); never truncated, a bad one is an import problem. */
export function countryCode(value: string | undefined): string | null {
  const code = value === undefined ? '' : stripControls(value, false).trim().toUpperCase();
  return code === '' ? null : code;
}

/**
 * One UltraCart address block → a ShipStation address (shipTo and billTo share the rules). `name` is first +
 * last name, else the company, so a business address still has a recipient. `phone` is the block's day
 * phone, else its evening phone, else `fallbackPhone` (the other block's day phone).
 */
export function mapAddress(address: UltraCartAddress, fallbackPhone: string | undefined, residential?: boolean): ShipStationAddress {
  return {
    name: joinText([address.first_name, address.last_name], ' ', 'name') ?? cleanText(address.company, 'name') ?? '',
    company: cleanText(address.company, 'name'),
    street1: cleanText(address.address1, 'street'),
    street2: cleanText(address.address2, 'street'),
    city: cleanText(address.city, 'city'),
    state: cleanText(address.state_region, 'state'),
    postalCode: cleanText(address.postal_code, 'postalCode'),
    country: countryCode(address.country_code),
    phone: cleanText(address.day_phone, 'phone') ?? cleanText(address.evening_phone, 'phone') ?? cleanText(fallbackPhone, 'phone'),
    residential: residential ?? null,
  };
}
