import { InvalidArgumentError } from 'commander';

/** A commander option parser for sizes and counts: a whole number, 0 or more. */
export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number, got ${value}`);
  return n;
}
