import { plainToInstance, Transform } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export type NodeEnv = 'development' | 'test' | 'production';
/** all: api and worker in one process (the default); api: HTTP only; worker: background jobs only. */
export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];
export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

/** Everything the process reads from its environment, validated once at boot. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  role: ProcessRole;
  port: number;
  database: DatabaseConfig;
  redisUrl: string;
  jwtSecret: string;
  jwtExpiresIn: string;
  admin: { email: string; password: string } | null;
  demoData: boolean;
  demoPassword: string;
  reportingYearStartMonth: number;
  timeZone: string;
  loginAttemptsPerMinute: number;
  /** Behind a reverse proxy, read the client address from X-Forwarded-For (else anyone could forge it). */
  trustProxy: boolean;
  /** Local hour (America/Toronto) of the nightly full recompute of the figures. */
  figuresRecomputeHour: number;
  /** How often the outbox relay hands pending work to the queue. */
  relayIntervalMs: number;
  /** How long a recompute job waits before it starts, gathering the moves of a burst. */
  figuresDebounceMs: number;
  /** Prefix of the queue keys in Redis: lets several deployments (or test runs) share one Redis. */
  queuePrefix: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const DEVELOPMENT_JWT_SECRET = 'development-only-secret-do-not-use-in-production';
export const DEFAULT_DEMO_PASSWORD = 'demo-coop-2024';

class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'test', 'production'])
  NODE_ENV?: NodeEnv;

  @IsOptional() @IsIn(PROCESS_ROLES, { message: `ROLE must be one of ${PROCESS_ROLES.join(', ')}` })
  ROLE?: ProcessRole;

  @IsOptional() @Transform(({ value }) => (value === undefined ? value : Number(value))) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<path> or postgres://user@host:port/database',
  })
  DATABASE_URL?: string;

  @IsOptional() @Matches(/^[a-z][a-z0-9_]*$/, { message: 'DATABASE_SCHEMA must be a lower-case identifier' })
  DATABASE_SCHEMA?: string;

  @IsOptional() @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be redis://host:port' })
  REDIS_URL?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional() @Matches(/^\d+[smhd]$/, { message: 'JWT_EXPIRES_IN must look like 12h, 30m or 7d' })
  JWT_EXPIRES_IN?: string;

  @IsOptional() @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @IsOptional() @IsString() @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional() @IsBooleanString({ message: 'DEMO_DATA must be true or false' })
  DEMO_DATA?: string;

  @IsOptional() @IsString() @MinLength(10, { message: 'DEMO_PASSWORD must be at least 10 characters' })
  DEMO_PASSWORD?: string;

  @IsOptional() @Transform(({ value }) => (value === undefined ? value : Number(value))) @IsInt() @Min(1) @Max(12)
  REPORTING_YEAR_START_MONTH?: number;

  @IsOptional() @Transform(({ value }) => (value === undefined ? value : Number(value))) @IsInt() @Min(1)
  LOGIN_ATTEMPTS_PER_MINUTE?: number;

  @IsOptional() @IsBooleanString({ message: 'TRUST_PROXY must be true or false' })
  TRUST_PROXY?: string;

  @IsOptional() @Transform(({ value }) => (value === undefined ? value : Number(value))) @IsInt() @Min(0) @Max(23)
  FIGURES_RECOMPUTE_HOUR?: number;

  @IsOptional() @Transform(({ value }) => (value === undefined ? value : Number(value))) @IsInt() @Min(50) @Max(60_000)
  RELAY_INTERVAL_MS?: number;

  @IsOptional() @Transform(({ value }) => (value === undefined ? value : Number(value))) @IsInt() @Min(0) @Max(60_000)
  FIGURES_DEBOUNCE_MS?: number;

  @IsOptional() @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'QUEUE_PREFIX must be 1 to 40 letters, digits, - or _' })
  QUEUE_PREFIX?: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function parseDatabaseUrl(url: string, schema?: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', path: url.slice('sqlite:'.length) };
  return { kind: 'postgres', url, schema };
}

/** Reads and checks the environment; throws a ConfigError naming every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const vars = plainToInstance(EnvironmentVariables, raw);
  const problems = validateSync(vars, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
  const nodeEnv = vars.NODE_ENV ?? 'development';
  if (nodeEnv === 'production' && !vars.JWT_SECRET) problems.push('JWT_SECRET is required when NODE_ENV=production');
  if (Boolean(vars.ADMIN_EMAIL) !== Boolean(vars.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    nodeEnv,
    role: vars.ROLE ?? 'all',
    port: vars.PORT ?? 3000,
    database: parseDatabaseUrl(vars.DATABASE_URL ?? 'sqlite:data/coop.sqlite', vars.DATABASE_SCHEMA),
    redisUrl: vars.REDIS_URL ?? 'redis://127.0.0.1:6379',
    jwtSecret: vars.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    jwtExpiresIn: vars.JWT_EXPIRES_IN ?? '12h',
    admin: vars.ADMIN_EMAIL && vars.ADMIN_PASSWORD ? { email: vars.ADMIN_EMAIL, password: vars.ADMIN_PASSWORD } : null,
    demoData: vars.DEMO_DATA === 'true',
    demoPassword: vars.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    reportingYearStartMonth: vars.REPORTING_YEAR_START_MONTH ?? 4,
    timeZone: 'America/Toronto',
    loginAttemptsPerMinute: vars.LOGIN_ATTEMPTS_PER_MINUTE ?? 10,
    trustProxy: vars.TRUST_PROXY === 'true',
    figuresRecomputeHour: vars.FIGURES_RECOMPUTE_HOUR ?? 3,
    relayIntervalMs: vars.RELAY_INTERVAL_MS ?? 500,
    figuresDebounceMs: vars.FIGURES_DEBOUNCE_MS ?? 500,
    queuePrefix: vars.QUEUE_PREFIX ?? 'coop',
  };
}
