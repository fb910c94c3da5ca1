/**
 * Recognises the refusals of a constraint as each database reports them, so that a race the service's
 * own checks cannot see (two requests at once) still answers 409 rather than 500.
 * PostgreSQL gives an SQLSTATE and the constraint's name; better-sqlite3 an extended code and a
 * message naming the table and columns.
 */
interface DriverError {
  code?: string;
  constraint?: string;
  message?: string;
}

const driverErrorOf = (error: unknown): DriverError => {
  if (typeof error !== 'object' || error === null) return {};
  // TypeORM wraps the driver's error in a QueryFailedError; a bare driver error is read as it is.
  const { driverError } = error as { driverError?: DriverError };
  return driverError ?? error;
};

/** A row still referred to by another table's foreign key. */
export function isForeignKeyRefusal(error: unknown): boolean {
  const { code } = driverErrorOf(error);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** A unique constraint refused the write; `column` the column it guards (e.g. `enterprise_number`). */
export function isUniqueRefusalOn(error: unknown, constraint: string, column: string): boolean {
  const driverError = driverErrorOf(error);
  if (driverError.code === '23505') return driverError.constraint === constraint;
  return driverError.code === 'SQLITE_CONSTRAINT_UNIQUE' && (driverError.message ?? '').includes(`.${column}`);
}
