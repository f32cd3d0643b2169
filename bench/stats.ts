/** The bench's figures: rounded for the table, quantiles over sorted samples. */
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
export const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
