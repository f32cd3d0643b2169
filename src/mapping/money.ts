/** Money rounded to cents, so float noise (0.1 + 0.2) never reaches either service. */
export const cents = (n: number): number => Math.round(n * 100) / 100;
