import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

/** Thrown by handlers; the server turns it into a response with an ASP.NET-shaped body, as ShipStation does. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

/** ShipStation's validation failure: `{Message, ModelState: {<model>: [...]}}`. */
export const badRequest = (messages: string[], model = 'apiOrder') =>
  new SimHttpError(400, { Message: 'The request is invalid.', ModelState: { [model]: messages } });

export const notFound = (what: string) => new SimHttpError(404, { Message: `${what} was not found.` });

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SimHttpError(413, { Message: 'The request body is too large.' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...headers, ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Parses and validates a JSON body; every zod issue becomes one ModelState message. */
export function parseBody<T>(text: string, schema: z.ZodType<T>, model = 'apiOrder'): T {
  let json: unknown;
  try {
    json = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    throw badRequest(['The request body is not valid JSON.'], model);
  }
  return validate(json, schema, model);
}

export function validate<T>(value: unknown, schema: z.ZodType<T>, model: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)), model);
  return parsed.data;
}

/** ASP.NET binds query parameters case-insensitively (`includeShipmentItems=False` works): lower-case the names. */
export function lowerCaseQuery(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...params.entries()].map(([k, v]) => [k.toLowerCase(), v]));
}
