import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { envSchema } from '../../src/config';

describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8')) as {
    services: Record<string, { environment?: Record<string, unknown>; build?: unknown }>;
  };

  it('runs PostgreSQL, Temporal, its Web UI and ucship built from the Dockerfile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgresql', 'temporal', 'temporal-ui', 'ucship']);
    expect(compose.services.ucship.build).toBe('.');
    expect(fs.existsSync(path.resolve(__dirname, '../../Dockerfile'))).toBe(true);
  });

  it('sets only variables the config knows for ucship', () => {
    const known = new Set(Object.keys(envSchema.shape));
    const set = Object.keys(compose.services.ucship.environment ?? {});
    expect(set.length).toBeGreaterThan(5);
    expect(set.filter((name) => !known.has(name))).toEqual([]);
  });
});
