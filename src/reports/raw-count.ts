/** A COUNT or SUM from a raw row: PostgreSQL answers bigints as text. */
export const countOf = (value: unknown) => Number(value ?? 0);
