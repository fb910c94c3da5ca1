import type { DataSource, EntityManager } from 'typeorm';

/** The two databases the service runs on; hand-written SQL differs between them in a few places only. */
export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(source: DataSource | EntityManager): Dialect {
  const options = 'connection' in source ? source.connection.options : source.options;
  return options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/** Days (fractional) from one instant expression to a later one. */
export function daysBetween(dialect: Dialect, later: string, earlier: string): string {
  return dialect === 'postgres'
    ? `(EXTRACT(EPOCH FROM (${later} - ${earlier})) / 86400.0)`
    : `(julianday(${later}) - julianday(${earlier}))`;
}
