import net from 'node:net';

/** A port the OS says is free right now, so parallel test runs never collide on fixed ports. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something already listens on ip:port (so a server started there would fail to bind). */
export function portTaken(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen(port, ip, () => server.close(() => resolve(false)));
  });
}
