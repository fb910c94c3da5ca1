import { getQueueToken } from '@nestjs/bull';
import type { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';

/** true when this process runs the worker role (ROLE=all or worker): processors, relay, schedules. */
export const RUNS_WORKER = Symbol('RUNS_WORKER');

/** A queue by name, for code that goes over every queue or picks one from configuration. */
export const queueNamed = (moduleRef: ModuleRef, name: string): Queue =>
  moduleRef.get<Queue>(getQueueToken(name), { strict: false });
