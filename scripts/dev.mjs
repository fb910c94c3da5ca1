#!/usr/bin/env node
// `npm run start:dev`: compiles the service, then recompiles on every change (tsc --watch) and
// restarts it whenever the compiled output changes (node --watch-path); beside it, Vite's dev
// server serves the web app at http://localhost:5173/app/ and forwards every other path to the
// service, so the app calls the API on its own origin. Ctrl-C stops all three.
import { spawn, spawnSync } from 'node:child_process';

const tsc = ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'];
const first = spawnSync(process.execPath, tsc, { stdio: 'inherit' });
if (first.status !== 0) process.exit(first.status ?? 1);

const children = [
  spawn(process.execPath, [...tsc, '--watch', '--preserveWatchOutput'], { stdio: 'inherit' }),
  spawn(process.execPath, ['--watch-path=dist', '--watch-preserve-output', 'dist/main.js', ...process.argv.slice(2)], {
    stdio: 'inherit',
  }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((child) => child.on('exit', (code) => (stop(), (process.exitCode ??= code ?? 0))));
