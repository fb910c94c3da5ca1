// The web app's build (dist/web) and whether it is older than its sources, for the test command:
// the browser tests drive the built app, served by the service as in production.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['web', 'client', 'vite.config.ts', 'package-lock.json'];
const BUILT = join('dist', 'web', 'index.html');

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

/** True when dist/web exists and no source of the app changed since it was built. */
export function webBuildIsCurrent() {
  if (!existsSync(BUILT)) return false;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.filter((path) => existsSync(path)).every((path) => newestChange(path) <= built);
}

/** Builds the web app when it is missing or older than its sources; the exit code of the build, or 0. */
export function buildWebAppIfNeeded() {
  if (webBuildIsCurrent()) return 0;
  console.log('Building the web app (dist/web) for the browser tests');
  return (
    spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
      stdio: 'inherit',
    }).status ?? 1
  );
}
