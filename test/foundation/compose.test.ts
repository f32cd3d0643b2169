import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { envSchema } from '../../src/config';
import { ucshipConfig } from '../support/ucship-process';

/**
 * No Docker engine runs here, so the stack is checked as far as a file can be: the compose file through a real
 * YAML parser, and ucship's own configuration check on exactly the environment compose would hand the container
 * (the Dockerfile's ENV, then the service's `environment` with the host's variables substituted).
 */
const ROOT = path.resolve(__dirname, '../..');

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, unknown>;
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: unknown };
  restart?: string;
}
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

/** Compose's interpolation of `${VAR}`, `${VAR:-default}`, `${VAR-default}` (`:?` and `?` fail when unset). */
function interpolate(text: string, host: Record<string, string>): string {
  return text.replace(/\$\{([A-Z0-9_]+)(?:(:?)([-?])([^}]*))?\}/g, (_, name: string, colon: string, op: string, arg: string) => {
    const value = host[name];
    const missing = value === undefined || (colon === ':' && value === '');
    if (op === '?' && missing) throw new Error(`compose refuses: ${name} ${arg}`);
    return op === '-' && missing ? arg : (value ?? '');
  });
}

/** The Dockerfile's ENV lines (KEY=VALUE pairs). */
function imageEnv(): Record<string, string> {
  const pairs = [...dockerfile.matchAll(/^ENV (.+)$/gm)].flatMap((m) => m[1].trim().split(/\s+/));
  return Object.fromEntries(pairs.map((pair) => pair.split('=') as [string, string]));
}

function containerEnv(host: Record<string, string>): Record<string, string> {
  const service = Object.entries(compose.services.ucship.environment ?? {}).map(([k, v]) => [k, interpolate(String(v ?? ''), host)]);
  return { ...imageEnv(), ...Object.fromEntries(service) };
}

const CREDENTIALS = {
  ULTRACART_MERCHANT_ID: 'M1',
  ULTRACART_ACCESS_KEY: 'uc-access-key-value',
  ULTRACART_DC_CODE: 'DC1',
  ULTRACART_SOAP_URL: 'https://secure.ultracart.com/axis/services/DistributionCenterService',
  SHIPSTATION_API_KEY: 'ss-api-key-value',
  SHIPSTATION_API_SECRET: 'ss-api-secret-value',
  PAYLOAD_ENCRYPTION_KEYS: 'k1=dWNzaGlwLXRlc3Qta2V5LXVjc2hpcC10ZXN0LWtleSE=',
};

describe('docker-compose.yml', () => {
  jest.setTimeout(120_000);

  it('runs PostgreSQL, Temporal, its Web UI and ucship built from the Dockerfile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgresql', 'temporal', 'temporal-ui', 'ucship']);
    expect(compose.services.ucship.build).toBe('.');
    expect(compose.services.temporal.image).toMatch(/^temporalio\/auto-setup:/);
  });

  it('every service has a healthcheck (ucship: the image HEALTHCHECK on /healthz), restarts unless stopped, and waits for what it needs to be healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect([name, service.restart]).toEqual([name, 'unless-stopped']);
      if (name !== 'ucship') expect([name, Array.isArray(service.healthcheck?.test)]).toEqual([name, true]);
      for (const [dependency, rule] of Object.entries(service.depends_on ?? {})) {
        expect([name, dependency, (rule as { condition?: string }).condition]).toEqual([name, dependency, 'service_healthy']);
      }
    }
    expect(compose.services.ucship.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
  });

  it('the image runs as a non-root user, listens on every interface, and .dockerignore keeps the host out', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(imageEnv()).toMatchObject({ HTTP_HOST: '0.0.0.0', UCSHIP_SKIP_TOOLS: '1' });
    const ignored = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', '.tools', '.data', '.env', '.git']) expect(ignored).toContain(entry);
  });

  it('sets only variables the config knows for ucship', () => {
    const known = new Set(Object.keys(envSchema.shape));
    const set = Object.keys(containerEnv({})).filter((name) => name !== 'UCSHIP_SKIP_TOOLS' && name !== 'NODE_ENV');
    expect(set.length).toBeGreaterThan(5);
    expect(set.filter((name) => !known.has(name))).toEqual([]);
  });

  it('`ucship config` on the environment compose passes: exit 0 with the credentials set, in production, on 0.0.0.0', () => {
    const run = ucshipConfig(containerEnv(CREDENTIALS));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ucship configuration: production');
    expect(run.row('HTTP_HOST')).toMatch(/0\.0\.0\.0\s+environment$/);
    expect(run.row('TEMPORAL_ADDRESS')).toMatch(/temporal:7233\s+environment$/);
    expect(run.row('SHIPSTATION_STORE_ID')).toMatch(/\(unset\)\s+unset$/); // ${SHIPSTATION_STORE_ID:-} is ""
    expect(run.stdout).not.toMatch(/key-value|secret-value/);
  });

  it.each(Object.keys(CREDENTIALS))('`ucship config` without %s: exit 2 naming it', (missing) => {
    const host: Record<string, string> = { ...CREDENTIALS };
    delete host[missing];
    const run = ucshipConfig(containerEnv(host));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`  - ${missing}: required`);
    expect(run.stderr.match(/^ {2}- /gm)).toHaveLength(1);
  });
});
