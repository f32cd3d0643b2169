import { ConfigError, loadConfig } from '../../src/config';
import { parseDuration } from '../../src/duration';
import { PRODUCTION_ENV } from '../support/production-env';

describe('configuration', () => {
  it('runs the sandbox with the simulators and demo credentials when no credentials are set', () => {
    const config = loadConfig({});
    expect(config.sandbox).toBe(true);
    expect(config.ultracart).toMatchObject({ merchantId: 'DEMO', dcCode: 'DFLT', soapUrl: 'http://127.0.0.1:4010/axis/services/DistributionCenterService' });
    expect(config.shipstation).toMatchObject({ baseUrl: 'http://127.0.0.1:4020', storeId: 1, rateLimitPerMinute: 40 });
    expect(config.ingestIntervalMs).toBe(5000);
    expect(config.shipmentPollIntervalMs).toBe(30000);
  });

  it('uses the production defaults with credentials', () => {
    const config = loadConfig({
      ...PRODUCTION_ENV,
      PAYLOAD_ENCRYPTION_KEYS: 'k1=dWNzaGlwLXRlc3Qta2V5LXVjc2hpcC10ZXN0LWtleSE=',
    });
    expect(config.sandbox).toBe(false);
    expect(config.shipstation.baseUrl).toBe('https://ssapi.shipstation.com');
    expect(config.ingestIntervalMs).toBe(60_000);
    expect(config.shipmentPollIntervalMs).toBe(6 * 3600_000);
  });

  it('refuses a half configuration and lists every problem by setting name', () => {
    let error: unknown;
    try {
      loadConfig({ ULTRACART_ACCESS_KEY: 'secret-value', HTTP_PORT: 'abc', INGEST_INTERVAL: 'soon' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('HTTP_PORT');
    expect(message).toContain('INGEST_INTERVAL');
    expect(message).toContain('SHIPSTATION_API_KEY');
    expect(message).not.toContain('secret-value');
  });

  it('names the missing settings when credentials are partial', () => {
    expect(() => loadConfig({ ULTRACART_ACCESS_KEY: 'k' })).toThrow(/ULTRACART_MERCHANT_ID[\s\S]*SHIPSTATION_API_SECRET[\s\S]*ULTRACART_SOAP_URL/);
  });

  it('parses durations', () => {
    expect(parseDuration('5s')).toBe(5000);
    expect(parseDuration('6h')).toBe(21_600_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(() => parseDuration('0s')).toThrow(/longer than zero/);
  });
});
