/** The smallest complete production configuration (no sandbox), for config tests. */
export const PRODUCTION_ENV = {
  ULTRACART_MERCHANT_ID: 'M1',
  ULTRACART_ACCESS_KEY: 'k',
  ULTRACART_DC_CODE: 'DC',
  ULTRACART_SOAP_URL: 'https://secure.ultracart.com/axis/services/DistributionCenterService',
  SHIPSTATION_API_KEY: 'a',
  SHIPSTATION_API_SECRET: 'b',
};
