/** A rate as the federation reports it: both counts, the exact ratio, and a whole percent. */
export interface Rate {
  numerator: number;
  denominator: number;
  ratio: number;
  /** Rounded half up: 10 / 16 = 62.5 % is 63 %. */
  percent: number;
}

/** null when there is nothing to divide by: a rate of 0 would claim something that did not happen. */
export function rate(numerator: number, denominator: number): Rate | null {
  if (denominator === 0) return null;
  // Integer arithmetic, so 62.5 rounds to 63 without floating-point doubt: floor((200n + d) / 2d).
  const percent = Math.floor((200 * numerator + denominator) / (2 * denominator));
  return { numerator, denominator, ratio: numerator / denominator, percent };
}
