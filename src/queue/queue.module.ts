import { BullModule } from '@nestjs/bull';
import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { JobRegistry } from './job-registry.js';
import { QueueWorkers } from './queue-workers.js';
import { defaultJobOptions, QUEUES } from './queue.constants.js';
import { queueNamed, RUNS_WORKER } from './queue.tokens.js';
import { createRedisConnection } from './redis-connection.js';

const REDIS_CONNECTIONS = Symbol('REDIS_CONNECTIONS');

/**
 * Bull leaves the connections it gets from createClient to their owner: this closes them, after
 * the queues, when the application shuts down.
 */
@Injectable()
class RedisConnectionsCloser implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS_CONNECTIONS) private readonly connections: Redis[],
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // With Redis away, Bull's close rejects when a connection reports its refusal while it
    // disconnects: the process is stopping all the same, so that is no error of the shutdown.
    await Promise.all(
      Object.values(QUEUES).map((name) =>
        queueNamed(this.moduleRef, name)
          .close()
          .catch(() => undefined),
      ),
    );
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }
}

/**
 * Bull on REDIS_URL. Every process can add jobs; only worker processes (ROLE=all or worker)
 * process them, so the api role registers no processor.
 */
@Global()
@Module({})
export class QueueModule {
  static register(config: AppConfig): DynamicModule {
    const runsWorker = config.role !== 'api';
    const connections: Redis[] = [];
    const connect = (type: 'client' | 'subscriber' | 'bclient') => {
      const connection = createRedisConnection(config.redisUrl, type);
      connections.push(connection);
      return connection;
    };
    return {
      module: QueueModule,
      imports: [
        BullModule.forRoot({
          prefix: config.queuePrefix,
          createClient: connect,
          defaultJobOptions: defaultJobOptions(config.jobRetryDelayMs),
          settings: { stalledInterval: 30_000, maxStalledCount: 2 },
        }),
        BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
      ],
      providers: [
        { provide: RUNS_WORKER, useValue: runsWorker },
        { provide: REDIS_CONNECTIONS, useValue: connections },
        RedisConnectionsCloser,
        JobRegistry,
        ...(runsWorker ? [QueueWorkers] : []),
      ],
      exports: [BullModule, RUNS_WORKER, JobRegistry],
    };
  }
}
