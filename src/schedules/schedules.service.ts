import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bull';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { LOCAL_ZONE, localDateOf } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { namedQuery, namedUpdateReturning } from '../database/named-query.js';
import { JobRegistry } from '../queue/job-registry.js';
import { PRODUCER_TIMEOUT_MS, QUEUES, type JobData } from '../queue/queue.constants.js';
import { queueNamed, RUNS_WORKER } from '../queue/queue.tokens.js';
import { withTimeout } from '../queue/redis-connection.js';
import { schedulesFrom, type Schedule, type ScheduleName } from './schedules.js';
import { messageOf } from '../common/error-message.js';

export type ScheduleTick = JobData['schedule-tick'];

const cronOf = (schedule: Schedule) => `${schedule.minute} ${schedule.hour} * * *`;

/**
 * Daily schedules on Bull repeatable jobs in Montréal time. A tick only enqueues the schedule's job,
 * and only once per local day: a schedule_runs row per (schedule, local date) makes that a
 * database fact, whatever the scheduler does around a daylight-saving change. At start, and
 * whenever Redis comes back (it may have lost them), the repeatable jobs are made to match the
 * configuration: a changed hour replaces the old schedule instead of adding a second one.
 */
@Injectable()
export class SchedulesService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(SchedulesService.name);
  private readonly schedules: Schedule[];

  constructor(
    @InjectQueue(QUEUES.schedules) private readonly ticks: Queue,
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    @Inject(RUNS_WORKER) private readonly runsWorker: boolean,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.schedules = schedulesFrom(config);
  }

  onModuleInit(): void {
    if (this.runsWorker)
      this.registry.register('schedules', 'schedule-tick', (data: ScheduleTick, job: Job) =>
        this.tick(data, String(job.id)),
      );
  }

  onApplicationBootstrap(): void {
    if (!this.runsWorker) return;
    this.ticks.client.on('ready', () => void this.reconcile());
    if (this.ticks.client.status === 'ready') void this.reconcile();
  }

  /** Makes Bull's repeatable jobs exactly the configured schedules. */
  async reconcile(): Promise<void> {
    try {
      const desired = new Map<string, string>(this.schedules.map((s) => [s.name, cronOf(s)]));
      for (const repeatable of await this.ticks.getRepeatableJobs()) {
        if (desired.get(repeatable.id ?? '') !== repeatable.cron || repeatable.tz !== LOCAL_ZONE) {
          await this.ticks.removeRepeatableByKey(repeatable.key);
        }
      }
      const existing = await this.ticks.getRepeatableJobs();
      for (const schedule of this.schedules) {
        if (existing.some((r) => r.id === schedule.name && r.cron === cronOf(schedule))) continue;
        const data: ScheduleTick = { schedule: schedule.name };
        await this.ticks.add('schedule-tick', data, {
          jobId: schedule.name,
          repeat: { cron: cronOf(schedule), tz: LOCAL_ZONE },
        });
        this.logger.log(`Schedule ${schedule.name} runs daily at ${cronOf(schedule)} (minute hour) ${LOCAL_ZONE}`);
      }
    } catch (error) {
      this.logger.warn(`Schedules not reconciled yet (Redis away?); retrying when it answers: ${messageOf(error)}`);
    }
  }

  /** POST /admin/schedules/:name/run: a tick through the queue, like the real one. */
  async runNow(name: string): Promise<{ schedule: ScheduleName; jobId: string }> {
    const schedule = this.schedules.find((s) => s.name === name);
    if (!schedule) {
      throw notFound('Schedule', `${name} (schedules: ${this.schedules.map((s) => s.name).join(', ')})`);
    }
    const data: ScheduleTick = { schedule: schedule.name, manual: true };
    try {
      const job = await withTimeout(
        this.ticks.add('schedule-tick', data),
        PRODUCER_TIMEOUT_MS,
        'Adding a schedule tick',
      );
      return { schedule: schedule.name, jobId: String(job.id) };
    } catch {
      throw new DomainError('unavailable', 'The job queue does not answer (Redis is away); try again shortly');
    }
  }

  private async tick(tick: ScheduleTick, tickId: string): Promise<{ enqueued: boolean; localDate: string }> {
    const schedule = this.schedules.find((s) => s.name === tick.schedule);
    if (!schedule) throw new Error(`Unknown schedule ${tick.schedule}`);
    const localDate = localDateOf(this.clock.now());
    if (!tick.manual && !(await this.claimDay(schedule.name, localDate, tickId))) {
      this.logger.log(`Schedule ${schedule.name} already ran on ${localDate}: nothing to do`);
      return { enqueued: false, localDate };
    }
    const jobId = tick.manual ? undefined : `${schedule.name}:${localDate}`;
    try {
      const queue = queueNamed(this.moduleRef, QUEUES[schedule.queue]);
      await queue.add(schedule.job, schedule.dataFor(localDate), jobId ? { jobId } : {});
      if (!tick.manual)
        await namedQuery(
          this.dataSource.manager,
          'UPDATE schedule_runs SET enqueued_at = :now WHERE name = :name AND local_date = :localDate',
          { name: schedule.name, localDate, now: this.clock.now() },
        );
    } catch (error) {
      // Give the day back, so the retry of this tick can claim it again.
      if (!tick.manual)
        await namedQuery(
          this.dataSource.manager,
          'DELETE FROM schedule_runs WHERE name = :name AND local_date = :localDate',
          { name: schedule.name, localDate },
        );
      throw error;
    }
    return { enqueued: true, localDate };
  }

  /**
   * true for the first tick of a schedule on a local day, false for any other; true again for that
   * same tick run once more by Bull (its worker died) if it had not enqueued the day's job: the
   * job's id is the day's, so Bull keeps one job even if the dead worker had added it.
   */
  private async claimDay(name: string, localDate: string, tickId: string): Promise<boolean> {
    const parameters = { name, localDate, tickId, now: this.clock.now() };
    const claimed = await namedQuery(
      this.dataSource.manager,
      `INSERT INTO schedule_runs (name, local_date, started_at, claimed_by) VALUES (:name, :localDate, :now, :tickId)
       ON CONFLICT (name, local_date) DO NOTHING RETURNING name`,
      parameters,
    );
    if (claimed.length === 1) return true;
    const resumed = await namedUpdateReturning(
      this.dataSource.manager,
      `UPDATE schedule_runs SET started_at = :now
       WHERE name = :name AND local_date = :localDate AND claimed_by = :tickId AND enqueued_at IS NULL RETURNING name`,
      parameters,
    );
    if (resumed.length === 1)
      this.logger.warn(`Schedule ${name}: enqueuing ${localDate}'s job, which a dead worker did not`);
    return resumed.length === 1;
  }
}
