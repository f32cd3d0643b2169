import { ConfigError, loadConfig } from '../../src/config';
import { parseDuration } from '../../src/duration';
import { PRODUCTION_ENV } from '../support/production-env';

describe('configuration', () => {
  const production = { ...PRODUCTION_ENV, PAYLOAD_ENCRYPTION_KEYS: 'k1=dWNzaGlwLXRlc3Qta2V5LXVjc2hpcC10ZXN0LWtleSE=' };

  it('runs the sandbox with the simulators and demo credentials when no credentials are set', () => {
    const config = loadConfig({});
    expect(config.sandbox).toBe(true);
    expect(config.ultracart).toMatchObject({ merchantId: 'DEMO', dcCode: 'DFLT', soapUrl: 'http://127.0.0.1:4010/axis/services/DistributionCenterService' });
    expect(config.shipstation).toMatchObject({ baseUrl: 'http://127.0.0.1:4020', storeId: 1, rateLimitPerMinute: 40 });
    expect(config.ingestIntervalMs).toBe(5000);
    expect(config.shipmentPollIntervalMs).toBe(30000);
    expect(config.shipmentSweepIntervalMs).toBe(30000);
  });

  it('uses the production defaults with credentials', () => {
    const config = loadConfig(production);
    expect(config.sandbox).toBe(false);
    expect(config.shipstation.baseUrl).toBe('https://ssapi.shipstation.com');
    expect(config.ingestIntervalMs).toBe(60_000);
    // The shipment sweep does the per-order poll's work every half hour; the poll stays as a rare safety net.
    expect(config.shipmentSweepIntervalMs).toBe(30 * 60_000);
    expect(config.shipmentPollIntervalMs).toBe(3 * 24 * 3600_000);
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

  it('parses durations, and refuses one without a unit', () => {
    expect(parseDuration('5s')).toBe(5000);
    expect(parseDuration('6h')).toBe(21_600_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(() => parseDuration('0s')).toThrow(/longer than zero/);
    expect(() => parseDuration('5')).toThrow('"5" has no unit');
  });

  it('counts an empty value as unset, everywhere (compose passes ${X:-} as "")', () => {
    const config = loadConfig({ ...production, SHIPSTATION_STORE_ID: '', PUBLIC_URL: '', WEBHOOK_SECRET: ' ', INGEST_INTERVAL: '', HTTP_PORT: '' });
    expect(config.shipstation.storeId).toBeUndefined();
    expect(config.http).toMatchObject({ publicUrl: undefined, webhookSecret: undefined, port: 3000 });
    expect(config.ingestIntervalMs).toBe(60_000);
    const empty = loadConfig({ ULTRACART_MERCHANT_ID: '', ULTRACART_ACCESS_KEY: '', SHIPSTATION_API_KEY: '' });
    expect(empty.sandbox).toBe(true);
  });

  it('refuses a duration without a unit, and a schedule interval under a second, by setting name', () => {
    expect(() => loadConfig({ INGEST_INTERVAL: '5' })).toThrow('INGEST_INTERVAL: "5" has no unit');
    expect(() => loadConfig({ SHIPMENT_POLL_INTERVAL: '30000' })).toThrow('SHIPMENT_POLL_INTERVAL: "30000" has no unit');
    expect(() => loadConfig({ INGEST_INTERVAL: '500ms' })).toThrow('INGEST_INTERVAL: must be at least 1s');
    expect(() => loadConfig({ VOID_SWEEP_INTERVAL: '0.5s' })).toThrow('VOID_SWEEP_INTERVAL: must be at least 1s');
    expect(loadConfig({ INGEST_INTERVAL: '1s' }).ingestIntervalMs).toBe(1000);
  });

  it('binds the HTTP server to 127.0.0.1 unless HTTP_HOST says otherwise', () => {
    expect(loadConfig({}).http.host).toBe('127.0.0.1');
    expect(loadConfig({ HTTP_HOST: '0.0.0.0' }).http.host).toBe('0.0.0.0');
  });
});
