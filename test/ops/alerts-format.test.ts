import { IntegrationError } from '../../src/errors';
import { observeClient, outcomeOfStatus } from '../../src/ops/api-calls';
import { alertMessage, isSlackWebhook, scrub, webhookBody } from '../../src/ops/alert-format';
import { createCredentialWatch } from '../../src/ops/credential-watch';
import { reasonClass, requeueStep } from '../../src/ops/stages';

describe('alert messages', () => {
  it('one message per kind: a title, one line per item with its command, then a count', () => {
    const items = Array.from({ length: 23 }, (_, i) => ({ kind: 'order_parked' as const, subject: `order ${i}`, text: 'shipping.address1: empty', action: `ucship requeue ${i}` }));
    const m = alertMessage('order_parked', items, 'DEMO');
    expect(m.title).toBe('ucship (merchant DEMO): 23 orders parked in needs_attention: fix in UltraCart, then requeue');
    expect(m.lines).toHaveLength(21);
    expect(m.lines[0]).toBe('order 0: shipping.address1: empty → `ucship requeue 0`');
    expect(m.lines[20]).toMatch(/and 3 more/);
  });

  it('the requeue step is true for the transport: `ucship requeue` over SOAP, UltraCart\'s "requeue for pickup" over REST', () => {
    expect(requeueStep('soap', '1001')).toBe('ucship requeue 1001');
    // REST has no requeue call: `ucship requeue` would re-import the data UltraCart last sent, without the fix.
    expect(requeueStep('rest', '1001')).toBe('"requeue for pickup" on order 1001 in UltraCart (the next ingest imports it)');
    expect(requeueStep('rest', '1001')).not.toContain('ucship requeue');
  });

  it('Slack hooks get {text}; anything else the structured form with text too', () => {
    expect(isSlackWebhook('https://hooks.slack.com/services/T/B/x')).toBe(true);
    expect(isSlackWebhook('http://127.0.0.1:9/alerts')).toBe(false);
    const m = alertMessage('credential_refused', [{ kind: 'credential_refused', subject: 'shipstation', text: 'refused' }], 'DEMO');
    expect(Object.keys(webhookBody(m, true, new Date()) as object)).toEqual(['text']);
    expect(webhookBody(m, false, new Date(0))).toEqual(expect.objectContaining({ source: 'ucship', kind: 'credential_refused', count: 1, text: expect.stringContaining('credentials refused'), sentAt: '1970-01-01T00:00:00.000Z' }));
  });

  it('nothing that looks like an email leaves, and long texts are cut', () => {
    expect(scrub('ShipStation refused: "customerEmail jane.doe@example.com is invalid"')).toBe('ShipStation refused: "customerEmail [email] is invalid"');
    expect(scrub('x'.repeat(1000))).toHaveLength(300);
  });

  it('parks are classed by their reason for the metric', () => {
    expect(reasonClass('order 7: shipping.address1, shipping.city: empty, so the order has no ship-to address')).toBe('invalid_order');
    expect(reasonClass('create in ShipStation failed: ShipStation rejected the API key and secret (HTTP 401 on POST /orders/createorder)')).toBe('credentials');
    expect(reasonClass('create in ShipStation failed: ShipStation refused POST /orders/createorder: "bad"')).toBe('refused_by_shipstation');
    expect(reasonClass('import from UltraCart failed: UltraCart getOrder did not answer')).toBe('faults');
  });
});

describe('credential watch', () => {
  it('reports the first answer and then only changes, never per call', () => {
    const changes: string[] = [];
    const observe = createCredentialWatch((side, refused) => changes.push(`${side}:${refused ? 'refused' : 'ok'}`));
    for (const outcome of ['ok', 'ok', 'refused', 'refused', 'error', 'rate_limited', 'refused', 'ok', 'ok'] as const) observe({ side: 'shipstation', outcome });
    observe({ side: 'ultracart', outcome: 'refused' });
    expect(changes).toEqual(['shipstation:ok', 'shipstation:refused', 'shipstation:ok', 'ultracart:refused']);
  });
});

describe('API call outcomes', () => {
  it('HTTP statuses and client errors become ok, rate_limited, refused or error', async () => {
    expect([200, 204, 429, 401, 403, 400, 500].map(outcomeOfStatus)).toEqual(['ok', 'ok', 'rate_limited', 'refused', 'refused', 'error', 'error']);
    const seen: string[] = [];
    const client = observeClient(
      {
        ok: async () => 1,
        refused: async () => {
          throw new IntegrationError('UltraCartAuthenticationFailed', 'no', { retryable: false });
        },
        invalidData: async () => {
          throw new Error('the order is malformed, the call itself went through');
        },
      },
      'ultracart',
      (c) => seen.push(`${c.side}:${c.outcome}`),
    );
    await client.ok();
    await expect(client.refused()).rejects.toThrow('no');
    await expect(client.invalidData()).rejects.toThrow('malformed');
    expect(seen).toEqual(['ultracart:ok', 'ultracart:refused', 'ultracart:ok']);
  });
});
