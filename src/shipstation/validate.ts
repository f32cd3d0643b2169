import type { z } from 'zod';
import { IntegrationError } from '../errors';
import { ShipStationErrorKind } from './errors';

/** Checks what is about to be sent; a body ShipStation would refuse is never sent, and the error names the field. */
export function validated<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new IntegrationError(ShipStationErrorKind.InvalidRequest, `Refusing to send an invalid ${what} to ShipStation: ${issues}`, { retryable: false });
}
