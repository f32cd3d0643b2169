import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedAlert {
  kind: string;
  title: string;
  text: string;
  items: Array<{ subject: string; text: string; action?: string }>;
  /** The body exactly as it arrived. */
  raw: string;
}

/** A local alert webhook: keeps every JSON body it is sent; `failNext` answers 500 that many times first. */
export async function startAlertReceiver() {
  const received: ReceivedAlert[] = [];
  let failNext = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500).end();
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ ...(JSON.parse(raw) as Omit<ReceivedAlert, 'raw'>), raw });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    received,
    failNext: (n: number) => {
      failNext = n;
    },
    of: (kind: string) => received.filter((a) => a.kind === kind),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type AlertReceiver = Awaited<ReturnType<typeof startAlertReceiver>>;
