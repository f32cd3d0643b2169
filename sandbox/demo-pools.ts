/** The raw material of the demo orders: people, addresses and products, chosen to exercise every mapping rule. */

export type Script = 'latin' | 'cjk' | 'arabic' | 'hebrew' | 'emoji';

export const PEOPLE: Record<Script, { first_name: string; last_name: string; company?: string }[]> = {
  latin: [
    { first_name: 'Ada', last_name: 'Lovelace', company: 'Analytical Engines & Co.' },
    { first_name: 'José', last_name: 'Núñez' },
    { first_name: 'Zoë', last_name: "O'Brien-Smith", company: 'Brien <Bakery>' },
    { first_name: 'Grace', last_name: 'Hopper' },
  ],
  cjk: [
    { first_name: '太郎', last_name: '山田', company: '山田商事株式会社' },
    { first_name: '美玲', last_name: '王' },
    { first_name: '민준', last_name: '김' },
  ],
  arabic: [{ first_name: 'محمد', last_name: 'العلي', company: 'شركة النور' }, { first_name: 'فاطمة', last_name: 'الزهراء' }],
  hebrew: [{ first_name: 'נועה', last_name: 'כהן' }, { first_name: 'דוד', last_name: 'לוי', company: 'לוי ובניו בע״מ' }],
  emoji: [{ first_name: 'Sunny 🌞', last_name: 'Day 🎉', company: '🌟 Star Shop' }, { first_name: 'Kai', last_name: '🦊 Fox' }],
};

export interface DemoAddress {
  address1: string;
  address2?: string;
  city: string;
  state_region?: string;
  postal_code?: string;
  country_code: string;
  currency_code: string;
  day_phone?: string;
}

export const US_ADDRESSES: DemoAddress[] = [
  { address1: '100 Main St', address2: 'Suite 200', city: 'Springfield', state_region: 'IL', postal_code: '62701', country_code: 'US', currency_code: 'USD', day_phone: '217-555-0100' },
  { address1: '2400 Ocean Ave', city: 'San Francisco', state_region: 'CA', postal_code: '94127', country_code: 'US', currency_code: 'USD' },
  { address1: '7 Elm Ct', address2: 'Apt #4B', city: 'Austin', state_region: 'TX', postal_code: '78701-1234', country_code: 'US', currency_code: 'USD', day_phone: '(512) 555-0142' },
  { address1: 'PO Box 1234', city: 'Juneau', state_region: 'AK', postal_code: '99801', country_code: 'US', currency_code: 'USD' },
];

export const INTERNATIONAL_ADDRESSES: Record<Script, DemoAddress[]> = {
  latin: [
    { address1: '10 Downing Street', city: 'London', postal_code: 'SW1A 2AA', country_code: 'GB', currency_code: 'GBP', day_phone: '+44 20 7946 0000' },
    { address1: 'Friedrichstraße 43-45', city: 'Berlin', postal_code: '10117', country_code: 'DE', currency_code: 'EUR' },
    { address1: '350 Rue Saint-Paul Ouest', city: 'Montréal', state_region: 'QC', postal_code: 'H2Y 2A6', country_code: 'CA', currency_code: 'CAD' },
    { address1: '1 Macquarie St', city: 'Sydney', state_region: 'NSW', postal_code: '2000', country_code: 'AU', currency_code: 'AUD' },
  ],
  cjk: [
    { address1: '千代田区千代田1-1', city: '東京都', postal_code: '100-0001', country_code: 'JP', currency_code: 'JPY', day_phone: '+81 3-1234-5678' },
    { address1: '서울특별시 중구 세종대로 110', city: '서울', postal_code: '04524', country_code: 'KR', currency_code: 'KRW' },
  ],
  arabic: [{ address1: 'شارع الشيخ زايد ١٢', city: 'دبي', country_code: 'AE', currency_code: 'AED', day_phone: '+971 4 123 4567' }],
  hebrew: [{ address1: 'רחוב הרצל 12', address2: 'דירה 5', city: 'תל אביב', postal_code: '6578901', country_code: 'IL', currency_code: 'ILS' }],
  emoji: [{ address1: 'Rua Augusta 1500 🏠', city: 'São Paulo', state_region: 'SP', postal_code: '01304-001', country_code: 'BR', currency_code: 'BRL' }],
};

export interface DemoProduct {
  sku: string;
  description: string;
  price: number;
  weight: { value: number; uom: 'LB' | 'OZ' | 'KG' | 'G' };
  options?: { label: string; value: string }[];
  location: string;
}

/** Every weight unit appears; some descriptions carry entities and markup a mapper must clean. */
export const PRODUCTS: DemoProduct[] = [
  { sku: 'TSHIRT-BLU-M', description: 'Organic T-Shirt', price: 24.0, weight: { value: 6, uom: 'OZ' }, options: [{ label: 'Color', value: 'Blue' }, { label: 'Size', value: 'M' }], location: 'A-01-03' },
  { sku: 'MUG-CER-11', description: 'Mug "Best Dad" <Ceramic> 11oz', price: 12.5, weight: { value: 0.9, uom: 'LB' }, location: 'B-02-01' },
  { sku: 'SALT-PEP-01', description: 'Salt &amp; Pepper Grinder Set', price: 39.99, weight: { value: 850, uom: 'G' }, location: 'C-10-07' },
  { sku: 'KETTLE-1L', description: 'Electric Kettle 1 L', price: 59.0, weight: { value: 1.2, uom: 'KG' }, options: [{ label: 'Plug', value: 'Type A' }], location: 'D-04-02' },
  { sku: 'TEA-SENCHA', description: '煎茶 Sencha Green Tea 100g', price: 18.75, weight: { value: 120, uom: 'G' }, location: 'A-05-11' },
  { sku: 'CANDLE-OUD', description: 'عود Oud Candle 🕯️', price: 32.0, weight: { value: 14, uom: 'OZ' }, options: [{ label: 'Scent', value: 'Oud & Amber' }], location: 'E-01-01' },
];

/** A kit and what it is made of. */
export const KIT = {
  sku: 'GIFTBOX-TEA',
  description: 'Tea Lover Gift Box (kit)',
  price: 49.0,
  components: [
    { sku: 'TEA-SENCHA', description: '煎茶 Sencha Green Tea 100g', weight: { value: 120, uom: 'G' as const }, location: 'A-05-11' },
    { sku: 'MUG-CER-11', description: 'Mug "Best Dad" <Ceramic> 11oz', weight: { value: 0.9, uom: 'LB' as const }, location: 'B-02-01' },
  ],
};

export const SHIPPING_METHODS = ['UPS Ground', 'USPS Priority Mail', 'FedEx 2Day', 'DHL Express Worldwide', 'Free Shipping'];
export const PAYMENT_METHODS = ['Credit Card', 'PayPal', 'Purchase Order', 'Check', 'Amazon', 'Affirm'];
export const COUPONS = [
  { coupon_code: 'SPRING10', base_coupon_code: 'SPRING10' },
  { coupon_code: 'FREESHIP-7Q2', base_coupon_code: 'FREESHIP' },
  { coupon_code: 'VIP5', base_coupon_code: 'VIP5' },
];
export const GIFT_MESSAGES = ['Happy birthday! 🎂 Love, Mom & Dad', 'Congratulations on the new home <3', 'عيد مبارك', 'お誕生日おめでとう！', 'מזל טוב!'];
export const GIFT_WRAPS = ['Gold Foil', 'Recycled Kraft & Twine', '🎀 Red Ribbon'];
export const SPECIAL_INSTRUCTIONS = ['Leave at back door, dog in yard', 'Call before delivery: gate code #1234', 'Please do not bend – contains photos'];
export const MERCHANT_NOTES = ['Customer called 5/2 about address change; verified.', 'VIP customer – pack with extra care.', 'Replacement for order returned damaged <RMA-77>.'];
export const COMMENTS = ['Please include a gift receipt.', 'Is this the blue one? Thanks!', 'Deliver after 5pm please 🙏'];
