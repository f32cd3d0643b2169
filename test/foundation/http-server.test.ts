import { createMetrics } from '../../src/http/metrics';
import { startHttpServer, type RunningHttpServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { connectDevServer, type DevServerHandles } from '../support/temporal';

describe('the HTTP server', () => {
  let temporal: DevServerHandles;
  let server: RunningHttpServer;
  beforeAll(async () => {
    temporal = await connectDevServer();
    server = await startHttpServer({ host: '0.0.0.0', port: 0, webhookSecret: 's3cr/et', temporal: temporal.client, taskQueue: 'http-test', metrics: createMetrics(), logger: createLogger('silent') });
  });
  afterAll(async () => {
    await server?.close();
    await temporal?.close();
  });
  const post = (secretPath: string, body = '{}') => fetch(`${server.url}/webhooks/shipstation/${secretPath}`, { method: 'POST', body });

  it('bound to every interface (HTTP_HOST=0.0.0.0), it is reached on loopback', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('a malformed escape in the path is 404, not 500', async () => {
    expect((await post('%zz')).status).toBe(404);
    expect((await post('%E0%A4%A')).status).toBe(404);
  });

  it('a wrong secret, of any length, is 404; the right one (URL-encoded) reaches the handler', async () => {
    for (const wrong of ['s3cr', 's3cr%2Fet-and-more', 'x']) expect((await post(wrong)).status).toBe(404);
    expect((await post('s3cr%2Fet', 'not json')).status).toBe(400);
  });
});
