import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { LOG_LEVELS, type LogLevelName } from '../logging/root-logger.js';

export type NodeEnv = 'development' | 'test' | 'production';
/** all: api and worker in one process (the default); api: HTTP only; worker: background jobs only. */

/** Environment variables are text: a number setting is read as a number, and left out when absent. */
const ToNumber = () => Transform(({ value }: { value: unknown }) => (value === undefined ? undefined : Number(value)));

export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];
export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

/** Everything the process reads from its environment, validated once at boot. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  role: ProcessRole;
  port: number;
  /** Where a worker, which serves no api, answers its liveness probe. */
  workerHttpPort: number;
  database: DatabaseConfig;
  redisUrl: string;
  jwtSecret: string;
  jwtExpiresIn: string;
  admin: { email: string; password: string } | null;
  demoData: boolean;
  demoPassword: string;
  reportingYearStartMonth: number;
  timeZone: string;
  /** Sign-in attempts per account per minute, whatever the address they come from. */
  loginAttemptsPerMinute: number;
  /** Sign-in attempts per client address per minute, whatever the accounts (an office may share one address). */
  loginAttemptsPerAddressPerMinute: number;
  /** The longest a sign-in waits on Redis to count itself before it is counted in memory instead. */
  signInRedisTimeoutMs: number;
  /** Behind a reverse proxy, read the client address from X-Forwarded-For (else anyone could forge it). */
  trustProxy: boolean;
  /** Origins whose web pages may call the api from a browser (CORS); none by default. */
  corsOrigins: string[];
  /** Local hour (America/Toronto) of the nightly full recompute of the figures. */
  figuresRecomputeHour: number;
  /** How often the outbox relay hands pending work to the queue. */
  relayIntervalMs: number;
  /** How long a recompute job waits before it starts, gathering the moves of a burst. */
  figuresDebounceMs: number;
  /** Prefix of the queue keys in Redis: lets several deployments (or test runs) share one Redis. */
  queuePrefix: string;
  /** Wait before a failed job's first retry (figures, schedules, follow-ups); doubles at each attempt. */
  jobRetryDelayMs: number;
  /** Local hour of the advisors' daily digest. */
  digestHour: number;
  /** Local hour of the post-cohort check-ins. */
  checkInHour: number;
  /** A check-in whose day was missed (the service was down) is still sent this many days later, not after. */
  checkInCatchUpDays: number;
  /** Contacts of projects whose every enrollment ended longer ago than this are erased (Law 25). */
  contactRetentionYears: number;
  contactRetentionHour: number;
  /** Where people reach the service, without a trailing slash: links in e-mail start with it. */
  publicUrl: string;
  /** Bearer token GET /metrics asks for; without one, /metrics answers 404 and exposes nothing. */
  metricsToken: string | null;
  mail: MailConfig;
  /** The lowest level of the lines written: `info` by default, `debug` or `trace` for more, `warn` for fewer. */
  logLevel: LogLevelName;
}

/** Where e-mail goes: an SMTP server, or (development, tests) files in a local outbox folder. */
export interface MailConfig {
  smtpUrl: string | null;
  outboxDir: string;
  from: string;
  /** Attempts per e-mail before it is marked failed. */
  attempts: number;
  /** First wait before retrying a refused e-mail; it doubles at each attempt. */
  retryDelayMs: number;
  /**
   * How long a worker's hold on an e-mail lasts without renewal: a live sender renews it while it
   * sends, so this is how soon the e-mail of a worker that died is sent again by another. At least
   * 10 s, well above SQLite's busy timeout (5 s), during which a live worker cannot renew it.
   */
  lockMs: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const DEVELOPMENT_JWT_SECRET = 'development-only-secret-do-not-use-in-production';
export const DEFAULT_DEMO_PASSWORD = 'demo-coop-2024';

class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: NodeEnv;

  @IsOptional()
  @IsIn(PROCESS_ROLES, { message: `ROLE must be one of ${PROCESS_ROLES.join(', ')}` })
  ROLE?: ProcessRole;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_HTTP_PORT?: number;

  @IsOptional()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<path> or postgres://user@host:port/database',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*$/, { message: 'DATABASE_SCHEMA must be a lower-case identifier' })
  DATABASE_SCHEMA?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be redis://host:port' })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^\d+[smhd]$/, { message: 'JWT_EXPIRES_IN must look like 12h, 30m or 7d' })
  JWT_EXPIRES_IN?: string;

  @IsOptional()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsBooleanString({ message: 'DEMO_DATA must be true or false' })
  DEMO_DATA?: string;

  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'DEMO_PASSWORD must be at least 10 characters' })
  DEMO_PASSWORD?: string;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(12)
  REPORTING_YEAR_START_MONTH?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  LOGIN_ATTEMPTS_PER_MINUTE?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(5)
  @Max(5_000)
  SIGN_IN_REDIS_TIMEOUT_MS?: number;

  @IsOptional()
  @IsBooleanString({ message: 'TRUST_PROXY must be true or false' })
  TRUST_PROXY?: string;

  @IsOptional()
  @Matches(/^\s*https?:\/\/[^\s,/]+(\s*,\s*https?:\/\/[^\s,/]+)*\s*$/, {
    message: 'CORS_ORIGINS must be origins separated by commas, as in https://app.example.org,http://localhost:5173',
  })
  CORS_ORIGINS?: string;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(23)
  FIGURES_RECOMPUTE_HOUR?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(50)
  @Max(60_000)
  RELAY_INTERVAL_MS?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(60_000)
  FIGURES_DEBOUNCE_MS?: number;

  @IsOptional()
  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'QUEUE_PREFIX must be 1 to 40 letters, digits, - or _' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  JOB_RETRY_DELAY_MS?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_HOUR?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(23)
  CHECK_IN_HOUR?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(365)
  CHECK_IN_CATCH_UP_DAYS?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(100)
  CONTACT_RETENTION_YEARS?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(23)
  CONTACT_RETENTION_HOUR?: number;

  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'PUBLIC_URL must be an http:// or https:// address, such as https://suivi.federation.example' },
  )
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be smtp://user:password@host:port or smtps://...' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  MAIL_OUTBOX_DIR?: string;

  @IsOptional()
  @Matches(/^([^<>]*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/, {
    message: 'MAIL_FROM must be an address, or a name and <address>',
  })
  MAIL_FROM?: string;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(20)
  MAIL_ATTEMPTS?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  MAIL_RETRY_DELAY_MS?: number;

  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(10)
  @Max(3600)
  MAIL_LOCK_SECONDS?: number;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevelName;
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
  if (nodeEnv === 'production' && !vars.SMTP_URL)
    problems.push('SMTP_URL is required when NODE_ENV=production (without it, e-mail only goes to a local folder)');
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    nodeEnv,
    role: vars.ROLE ?? 'all',
    port: vars.PORT ?? 3000,
    workerHttpPort: vars.WORKER_HTTP_PORT ?? 3001,
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
    loginAttemptsPerAddressPerMinute: vars.LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE ?? 60,
    signInRedisTimeoutMs: vars.SIGN_IN_REDIS_TIMEOUT_MS ?? 50,
    trustProxy: vars.TRUST_PROXY === 'true',
    corsOrigins: (vars.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    figuresRecomputeHour: vars.FIGURES_RECOMPUTE_HOUR ?? 3,
    relayIntervalMs: vars.RELAY_INTERVAL_MS ?? 500,
    figuresDebounceMs: vars.FIGURES_DEBOUNCE_MS ?? 500,
    queuePrefix: vars.QUEUE_PREFIX ?? 'coop',
    jobRetryDelayMs: vars.JOB_RETRY_DELAY_MS ?? 2_000,
    digestHour: vars.DIGEST_HOUR ?? 7,
    checkInHour: vars.CHECK_IN_HOUR ?? 9,
    checkInCatchUpDays: vars.CHECK_IN_CATCH_UP_DAYS ?? 14,
    contactRetentionYears: vars.CONTACT_RETENTION_YEARS ?? 7,
    contactRetentionHour: vars.CONTACT_RETENTION_HOUR ?? 4,
    publicUrl: (vars.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
    metricsToken: vars.METRICS_TOKEN ?? null,
    mail: {
      smtpUrl: vars.SMTP_URL ?? null,
      outboxDir: vars.MAIL_OUTBOX_DIR ?? 'data/outbox',
      from: vars.MAIL_FROM ?? 'Suivi des projets <suivi@localhost>',
      attempts: vars.MAIL_ATTEMPTS ?? 5,
      retryDelayMs: vars.MAIL_RETRY_DELAY_MS ?? 60_000,
      lockMs: (vars.MAIL_LOCK_SECONDS ?? 120) * 1000,
    },
    logLevel: vars.LOG_LEVEL ?? 'info',
  };
}
