import { availableParallelism } from 'node:os';

// Jest runs in native ESM mode (NestJS 12 ships ESM only); ts-jest compiles each file
// without type checking, which `npm run typecheck` does once for the whole tree.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  // A test file spends about half its time waiting (on the queue, SMTP, the browser), so two files
  // at once keep two cores busy; Jest's default (one fewer than the cores) would run one at a time.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // Each test file leaves its modules behind in the process that ran it (ESM in a vm context): one
  // process running them all had grown to 3.8 GB by the fiftieth file, and spent ever more of its
  // time collecting garbage. A worker over this limit after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
  // Starting an app (migrations on a fresh database) is a hook's work, and takes longer on a busy
  // machine: a minute leaves it room, and a step that never ends still fails.
  testTimeout: 60_000,
};
