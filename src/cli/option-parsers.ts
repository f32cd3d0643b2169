import { InvalidArgumentError } from 'commander';

/** A commander option parser for sizes and counts: a whole number, 0 or more. */
export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number, got ${value}`);
  return n;
}

/** A commander option parser for a comma-separated subset of `choices`; a name outside them is refused, not ignored. */
export function subsetOf<T extends string>(choices: readonly T[]): (value: string) => T[] {
  return (value) => {
    const names = value.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = names.filter((n) => !(choices as readonly string[]).includes(n));
    if (unknown.length > 0) throw new InvalidArgumentError(`unknown: ${unknown.join(', ')}; choose from ${choices.join(', ')}`);
    return names as T[];
  };
}

/** The options given on the command line, so they override a preset of sizes without its keys being listed twice. */
export function givenOptions<T extends object>(raw: T): Partial<T> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as Partial<T>;
}
