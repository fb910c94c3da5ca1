import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { pino } from 'pino';
import { inJobContext } from './job-context.js';
import { logContext } from './log-context.js';
import { PinoNestLogger, pinoLevelOf } from './nest-logger.js';

describe('PinoNestLogger', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = new PinoNestLogger(
    pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }),
  );
  beforeAll(() => Logger.overrideLogger(logger));
  beforeEach(() => lines.splice(0));

  it("writes a Nest Logger's lines with their context, and the request's id when there is one", () => {
    new Logger('Figures').log('outside');
    logContext.run({ requestId: 'r-1' }, () => new Logger('Figures').warn('inside'));
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'Figures', msg: 'outside' }),
      expect.objectContaining({ level: 40, context: 'Figures', msg: 'inside', requestId: 'r-1' }),
    ]);
    expect(lines[0]).not.toHaveProperty('requestId');
  });

  it("writes a job's queue, name, id and scope on its lines, through awaits", async () => {
    const job = { id: 7, name: 'recompute-scope', data: { scope: 'cohort:3' } } as unknown as Job;
    await inJobContext('figures', job, async () => {
      await new Promise((done) => setTimeout(done, 5));
      new Logger('Figures').error('failed', 'Error: boom\n    at x.ts:1');
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 50,
        context: 'Figures',
        msg: 'failed',
        stack: 'Error: boom\n    at x.ts:1',
        queue: 'figures',
        job: 'recompute-scope',
        jobId: '7',
        scope: 'cohort:3',
      }),
    ]);
  });

  it("maps Nest's levels to pino's lowest", () => {
    expect(pinoLevelOf(['error'])).toBe('error');
    expect(pinoLevelOf(['log', 'warn', 'error'])).toBe('info');
    expect(pinoLevelOf(['verbose', 'error'])).toBe('trace');
    expect(pinoLevelOf([])).toBe('silent');
  });
});
