/** true when this process runs the worker role (ROLE=all or worker): processors, relay, schedules. */
export const RUNS_WORKER = Symbol('RUNS_WORKER');
