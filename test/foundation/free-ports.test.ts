import { freePorts, portTaken } from '../../src/util/free-port';

it('freePorts gives distinct ports, all free once it returns', async () => {
  const ports = await freePorts(40);
  expect(new Set(ports).size).toBe(40);
  for (const port of ports) expect(await portTaken('127.0.0.1', port)).toBe(false);
});
