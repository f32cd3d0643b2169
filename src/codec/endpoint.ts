import crypto from 'node:crypto';
import type http from 'node:http';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import type { Config } from '../config';
import { pathSegment, readBody, secretEquals, send } from '../http/io';
import { readOrCreateSecretFile } from './keys';

export interface CodecEndpointOptions {
  codec: PayloadCodec;
  /** The namespace this codec's keys belong to; a request naming another (`x-namespace`) is refused. */
  namespace: string;
  /** Secret. Sent as `Authorization: Bearer <token>`, or as the path segment `/codec/<token>/decode` by UIs that cannot send a header. */
  authToken: string;
  /** Web UI origins allowed to call from a browser (CORS). */
  corsOrigins: string[];
}

/** The UI decodes whole histories for a download: far more than a webhook body. */
const MAX_BODY = 16 * 1024 * 1024;
const ROUTE = /^\/codec(?:\/([^/]+))?\/(encode|decode)$/;
const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'base64');
/** The codec server protocol: Payloads as proto3 JSON (bytes in base64). */
const payloadsSchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).nullish(), data: base64.nullish() })),
});

/**
 * `POST /codec/encode` and `/codec/decode` for the Temporal Web UI and `temporal --codec-endpoint`: the codec
 * server protocol of Temporal's samples, behind a bearer token, with the CORS a browser-side UI needs. Returns
 * false for any other path.
 */
export function codecEndpoint(opts: CodecEndpointOptions) {
  const allowed = new Set(opts.corsOrigins);

  return async function handle(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<boolean> {
    const match = ROUTE.exec(path);
    if (!match) return false;
    const origin = req.headers.origin;
    if (origin !== undefined && !allowed.has(origin)) {
      send(res, 403, { error: `origin ${origin} may not use this codec endpoint (CODEC_CORS_ORIGINS)` });
      return true;
    }
    const cors = origin === undefined ? {} : corsHeaders(origin, req);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
      return true;
    }
    if (req.method !== 'POST') {
      send(res, 405, { error: 'POST only' }, { ...cors, allow: 'POST, OPTIONS' });
      return true;
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const given = match[1] !== undefined ? pathSegment(match[1]) : bearer;
    if (!secretEquals(given, opts.authToken)) {
      send(res, 401, { error: 'the codec endpoint needs its bearer token (CODEC_AUTH_TOKEN)' }, { ...cors, 'www-authenticate': 'Bearer' });
      return true;
    }
    const namespace = req.headers['x-namespace'];
    if (typeof namespace === 'string' && namespace !== '' && namespace !== opts.namespace) {
      send(res, 403, { error: `this codec serves namespace ${opts.namespace}, not ${namespace}` }, cors);
      return true;
    }
    let body;
    try {
      body = payloadsSchema.parse(JSON.parse(await readBody(req, MAX_BODY)));
    } catch {
      send(res, 400, { error: 'expected {"payloads": [{"metadata": {"<key>": "<base64>"}, "data": "<base64>"}]}' }, cors);
      return true;
    }
    const payloads = body.payloads.map(fromJson);
    try {
      const out = match[2] === 'encode' ? await opts.codec.encode(payloads) : await opts.codec.decode(payloads);
      send(res, 200, { payloads: out.map(toJson) }, cors);
    } catch (err) {
      // The codec's messages name a key id at most, never key material or payload content.
      send(res, 400, { error: (err as Error).message }, cors);
    }
    return true;
  };
}

function corsHeaders(origin: string, req: http.IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'x-namespace, content-type, authorization, authorization-extras',
    // The UI's "include cross-origin credentials" setting sends cookies (a proxy in front may need them).
    'access-control-allow-credentials': 'true',
    'access-control-max-age': '600',
    // Chrome asks before a public page (the Cloud UI) calls a private address.
    ...(req.headers['access-control-request-private-network'] === 'true' ? { 'access-control-allow-private-network': 'true' } : {}),
    vary: 'Origin',
  };
}


function fromJson(p: { metadata?: Record<string, string> | null; data?: string | null }): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  };
}

function toJson(p: Payload): { metadata: Record<string, string>; data: string } {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}

/** CODEC_AUTH_TOKEN, or the sandbox's own token under DATA_DIR (created on first use); undefined: no endpoint. */
export function codecAuthToken(config: Pick<Config, 'codec'>): string | undefined {
  if (config.codec.authToken) return config.codec.authToken;
  if (!config.codec.authTokenFile) return undefined;
  return readOrCreateSecretFile(config.codec.authTokenFile, () => `${crypto.randomBytes(24).toString('base64url')}\n`).trim();
}
