import { ConfigError, loadConfig } from './app-config.js';

const problemsOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration', () => {
  it('has defaults that run a development service on SQLite', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      role: 'all',
      port: 3000,
      database: { kind: 'sqlite', path: 'data/coop.sqlite' },
      redisUrl: 'redis://127.0.0.1:6379',
      demoData: false,
      reportingYearStartMonth: 4,
      admin: null,
    });
  });

  it('writes lines from info up unless LOG_LEVEL says otherwise', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(problemsOf({ LOG_LEVEL: 'loud' })).toEqual([
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('reads PostgreSQL and SQLite URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db',
      schema: undefined,
    });
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({
      kind: 'sqlite',
      path: '/tmp/x.sqlite',
    });
  });

  it('names every problem at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      ROLE: 'boss',
      REPORTING_YEAR_START_MONTH: '13',
      DEMO_DATA: 'yes',
      ADMIN_EMAIL: 'a@b.c',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/PORT/),
        expect.stringMatching(/DATABASE_URL/),
        expect.stringMatching(/ROLE/),
        expect.stringMatching(/REPORTING_YEAR_START_MONTH/),
        expect.stringMatching(/DEMO_DATA/),
        expect.stringMatching(/ADMIN_EMAIL and ADMIN_PASSWORD go together/),
      ]),
    );
  });

  it('limits sign-ins per account and per address, 10 and 60 a minute unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ loginAttemptsPerMinute: 10, loginAttemptsPerAddressPerMinute: 60 });
    expect(loadConfig({ LOGIN_ATTEMPTS_PER_MINUTE: '5', LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '200' })).toMatchObject({
      loginAttemptsPerMinute: 5,
      loginAttemptsPerAddressPerMinute: 200,
    });
    const problems = problemsOf({ LOGIN_ATTEMPTS_PER_MINUTE: '0', LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: 'many' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/LOGIN_ATTEMPTS_PER_MINUTE/),
        expect.stringMatching(/LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE/),
      ]),
    );
  });

  it('requires a real JWT secret in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toContain('JWT_SECRET is required when NODE_ENV=production');
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'short', SMTP_URL: 'smtp://mail:25' })).toEqual([
      expect.stringMatching(/at least 32/),
    ]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://mail:25' })).toEqual([]);
  });

  it('requires an SMTP server in production, and mails to a local folder elsewhere', () => {
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toEqual([
      expect.stringMatching(/SMTP_URL is required/),
    ]);
    expect(loadConfig({}).mail).toMatchObject({ smtpUrl: null, outboxDir: 'data/outbox', attempts: 5 });
    expect(problemsOf({ SMTP_URL: 'mail.example:25', MAIL_FROM: 'not an address', MAIL_ATTEMPTS: '0' })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/SMTP_URL must be/),
        expect.stringMatching(/MAIL_FROM must be/),
        expect.stringMatching(/MAIL_ATTEMPTS/),
      ]),
    );
    expect(loadConfig({ MAIL_FROM: 'Fédération <suivi@federation.example>' }).mail.from).toBe(
      'Fédération <suivi@federation.example>',
    );
  });

  it('holds an e-mail being sent two minutes by default, MAIL_LOCK_SECONDS otherwise, never under 10 s', () => {
    expect(loadConfig({}).mail.lockMs).toBe(120_000);
    expect(loadConfig({ MAIL_LOCK_SECONDS: '10' }).mail.lockMs).toBe(10_000);
    for (const value of ['9', 'soon', '7200']) {
      const problems = problemsOf({ MAIL_LOCK_SECONDS: value });
      const named = problems.length > 0 && problems.every((problem) => problem.startsWith('MAIL_LOCK_SECONDS'));
      expect({ value, named }).toEqual({ value, named: true });
    }
  });

  it('links e-mail to http://localhost:3000 by default, PUBLIC_URL otherwise, refusing what is not a web address', () => {
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PUBLIC_URL: 'https://suivi.federation.example/' }).publicUrl).toBe(
      'https://suivi.federation.example',
    );
    for (const value of ['suivi.federation.example', 'ftp://suivi.example', 'javascript:alert(1)']) {
      const problems = problemsOf({ PUBLIC_URL: value });
      const named = problems.length > 0 && problems.every((problem) => problem.startsWith('PUBLIC_URL'));
      expect({ value, named }).toEqual({ value, named: true });
    }
  });

  it('closes /metrics without METRICS_TOKEN, and refuses a token shorter than 16 characters', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: '' }).metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-metrics-token' }).metricsToken).toBe(
      'a-long-enough-metrics-token',
    );
    expect(problemsOf({ METRICS_TOKEN: 'short' })).toEqual(['METRICS_TOKEN must be at least 16 characters']);
  });
});
