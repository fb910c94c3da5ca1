/**
 * A worker process of bench/mail-crash: the service with ROLE=worker on the environment the bench
 * gives it, as `node dist/main.js worker` runs it, built by the bench's own tsconfig. It tells its
 * parent when it is ready and closes on SIGTERM.
 */
import 'reflect-metadata';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';

const app = await createApp(loadConfig({ ...process.env, ROLE: 'worker' }), { logger: ['error', 'warn'] });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
process.send?.('ready');
