import crypto from 'node:crypto';
import type http from 'node:http';

export function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** The request body as text; past `limit` bytes the request is dropped and the promise rejects. */
export function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`request body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A %-encoded path segment, decoded; a malformed escape (`%zz`) gives undefined: a wrong secret, not a server error. */
export function pathSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

const digest = (text: string): Buffer => crypto.createHash('sha256').update(text).digest();

/** `given` against `secret` in constant time: digests of equal length, so neither content nor length leaks through timing. */
export function secretEquals(given: string | undefined, secret: string): boolean {
  return given !== undefined && crypto.timingSafeEqual(digest(given), digest(secret));
}
