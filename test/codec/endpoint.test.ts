import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec } from '../../src/codec/encryption-codec';
import { codecEndpoint } from '../../src/codec/endpoint';
import { generatePayloadKey } from '../../src/codec/keys';
import { createMetrics } from '../../src/http/metrics';
import { startHttpServer, type RunningHttpServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { connectDevServer, type DevServerHandles } from '../support/temporal';

/** The codec endpoint over real HTTP, as the Web UI (from a browser) and `temporal --codec-endpoint` call it. */

const TOKEN = 'codec-test-token-0123456789';
const UI = 'http://127.0.0.1:8233';
const codec = new EncryptionCodec([generatePayloadKey('k1')]);
let temporal: DevServerHandles;
let http: RunningHttpServer;

beforeAll(async () => {
  temporal = await connectDevServer();
  http = await startHttpServer({
    port: 0,
    webhookSecret: undefined,
    temporal: temporal.client,
    taskQueue: 'codec-endpoint-test',
    metrics: createMetrics(),
    logger: createLogger('silent'),
    codec: codecEndpoint({ codec, namespace: 'default', authToken: TOKEN, corsOrigins: [UI] }),
  });
});

afterAll(async () => {
  await http?.close();
  await temporal?.close();
});

const plain = defaultPayloadConverter.toPayload({ name: 'Wilhelmina Quarterstaff' });
const asJson = (p: typeof plain) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${http.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers }, body: JSON.stringify(body) });
const bearer = { authorization: `Bearer ${TOKEN}` };

it('encodes and decodes Payloads JSON with the bearer token; decode gives back the original', async () => {
  const encoded = await post('/codec/encode', { payloads: [asJson(plain)] }, bearer);
  expect(encoded.status).toBe(200);
  const { payloads } = (await encoded.json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
  expect(Buffer.from(payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
  expect(Buffer.from(payloads[0].data, 'base64').toString('latin1')).not.toContain('Wilhelmina');

  const decoded = await post('/codec/decode', { payloads }, bearer);
  expect(decoded.status).toBe(200);
  expect(await decoded.json()).toEqual({ payloads: [asJson(plain)] });
});

it('refuses a request without the token or with a wrong one (401), and accepts the token as a path segment', async () => {
  const [sealed] = await codec.encode([plain]);
  const body = { payloads: [asJson(sealed)] };
  expect((await post('/codec/decode', body)).status).toBe(401);
  expect((await post('/codec/decode', body, { authorization: 'Bearer nope-nope-nope-nope' })).status).toBe(401);
  expect((await post('/codec/wrong-token-in-the-path/decode', body)).status).toBe(401);
  expect((await post('/codec/%E0%A4%A/decode', body)).status).toBe(401);
  const viaPath = await post(`/codec/${TOKEN}/decode?preserveStorageRefs=true`, body);
  expect(viaPath.status).toBe(200);
  expect(await viaPath.json()).toEqual({ payloads: [asJson(plain)] });
});

it("answers the browser's preflight for the UI origin, with the headers the UI sends; refuses other origins", async () => {
  const preflight = await fetch(`${http.url}/codec/decode`, {
    method: 'OPTIONS',
    headers: { origin: UI, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace,authorization' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(UI);
  expect(preflight.headers.get('access-control-allow-headers')?.split(/,\s*/)).toEqual(expect.arrayContaining(['x-namespace', 'content-type', 'authorization']));
  expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');

  const fromUi = await post('/codec/encode', { payloads: [] }, { ...bearer, origin: UI });
  expect(fromUi.headers.get('access-control-allow-origin')).toBe(UI);
  const elsewhere = await post('/codec/encode', { payloads: [] }, { ...bearer, origin: 'https://evil.example' });
  expect(elsewhere.status).toBe(403);
  expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
});

it('serves its own namespace only, and answers bad bodies and unknown key ids with 400 and a reason', async () => {
  expect((await post('/codec/decode', { payloads: [] }, { ...bearer, 'x-namespace': 'other' })).status).toBe(403);
  const bad = await post('/codec/decode', { nope: true }, bearer);
  expect(bad.status).toBe(400);
  const [foreign] = await new EncryptionCodec([generatePayloadKey('retired-key')]).encode([plain]);
  const unknown = await post('/codec/decode', { payloads: [asJson(foreign)] }, bearer);
  expect(unknown.status).toBe(400);
  expect(((await unknown.json()) as { error: string }).error).toContain('key id "retired-key"');
});
