import axe from 'axe-core';
import { existsSync, mkdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import PostalMime, { type Email } from 'postal-mime';
import { DEFAULT_DEMO_PASSWORD } from '../../src/config/app-config.js';
import { WEB_APP_DIR } from '../../src/web-app/web-app.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

/**
 * Debian's Chromium, which playwright-core drives without downloading a browser of its own. The
 * background services are off: on a closed network they only fail, and slow the page.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 768, height: 1024 },
];

export const SCREENSHOTS_DIR = join('test-results', 'screenshots');

export const DEMO_EMAILS = {
  admin: 'admin@demo.coop.example',
  coordinator: 'coordination@demo.coop.example',
  advisor: 'conseillere@demo.coop.example',
  advisorEn: 'conseiller@demo.coop.example',
  viewer: 'lecture@demo.coop.example',
};
export const DEMO_PASSWORD = DEFAULT_DEMO_PASSWORD;

/** The browser tests drive the built app, as the service serves it: `npm test` builds it first. */
export function requireWebBuild(): void {
  if (!existsSync(join(WEB_APP_DIR, 'index.html')))
    throw new Error('The web app is not built (dist/web): run `npm run build:web`, or `npm test`, which builds it.');
}

function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path))
    throw new Error(`No Chromium at ${path}: apt-get install chromium, or set CHROMIUM_PATH (npm test says so too).`);
  return path;
}

export interface WebApp {
  t: TestApp;
  /** `http://127.0.0.1:<port>`, where the service listens for the browser. */
  origin: string;
  browser: Browser;
  /** Closes every page `openPage` opened on it (each in a context of its own). */
  closePages: () => Promise<void>;
  close: () => Promise<void>;
}

/** The real service with the demo data, listening on a free port, and one browser for the file. */
export async function startWebApp(): Promise<WebApp> {
  requireWebBuild();
  const t = await startTestApp({ DEMO_DATA: 'true' });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  return {
    t,
    origin: `http://127.0.0.1:${port}`,
    browser,
    closePages: () => Promise.all(browser.contexts().map((context) => context.close())).then(() => undefined),
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/**
 * The web app of a test file: started before its tests (call this before the file's own
 * `beforeAll`, which may then use `web()`), every page opened during a test closed after it, and
 * the service and browser stopped after the file.
 */
export function webAppForEachFile(): () => WebApp {
  let web: WebApp | undefined;
  beforeAll(async () => {
    web = await startWebApp();
  }, 180_000);
  afterEach(() => web?.closePages());
  afterAll(() => web?.close());
  return () => {
    if (!web) throw new Error('the web app of this file did not start');
    return web;
  };
}

/**
 * What a page must never do, collected while it runs: throw, or break the content security policy
 * (the browser refuses the script or style and says so on the console). Refused calls (a 401 on a
 * wrong password) are logged by the browser too, and are not problems.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !text.startsWith('Failed to load resource')) problems.push(`console: ${text}`);
    if (/Content Security Policy/i.test(text)) problems.push(`CSP: ${text}`);
  });
  return problems;
}

/** A new tab in a context of its own (its own sessionStorage), watched for problems; `null` opens nothing yet. */
export async function openPage(
  web: WebApp,
  path: string | null = '/app/',
): Promise<{ page: Page; problems: string[] }> {
  // A browser as the federation's staff have it: French (Canada), Montréal's time.
  const context = await web.browser.newContext({
    viewport: VIEWPORTS[0],
    baseURL: web.origin,
    locale: 'fr-CA',
    timezoneId: 'America/Toronto',
  });
  // A step that does not happen fails in seconds, with Playwright's account of what it waited for.
  context.setDefaultTimeout(15_000);
  await holdApiAnswers(context);
  const page = await context.newPage();
  const problems = watchProblems(page);
  if (path !== null) await page.goto(path);
  return { page, problems };
}

/**
 * With BROWSER_API_LATENCY_MS=N, every call the page makes to the service waits 0 to N ms at random
 * before it leaves: the answers then come in any order and late, as on a slow network or a loaded
 * machine, and a test that reads the page before what it reads has arrived fails at once.
 */
async function holdApiAnswers(context: BrowserContext): Promise<void> {
  const latencyMs = Number(process.env.BROWSER_API_LATENCY_MS ?? 0);
  if (!(latencyMs > 0)) return;
  await context.route(
    (url) => !url.pathname.startsWith('/app'),
    async (route) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * latencyMs));
      await route.continue();
    },
  );
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel(/^(Courriel|E-mail)$/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Se connecter|Sign in)$/ }).click();
}

/** The session token the app keeps in this tab. */
export function tokenOf(page: Page): Promise<string | null> {
  return page.evaluate(() => sessionStorage.getItem('coop.token'));
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. axe is evaluated through
 * the browser's debugging protocol, which the page's content security policy does not govern.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: unknown[] }> } }).axe
      .run;
    return (await run(document)).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The page at a laptop's and a tablet's size, into test-results/screenshots/ for a reviewer. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const before = page.viewportSize();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.screenshot({
      path: join(SCREENSHOTS_DIR, `${name}-${viewport.width}x${viewport.height}.png`),
      fullPage: true,
    });
  }
  if (before) await page.setViewportSize(before);
}

/** The gzip size of every script a page loaded while `action` ran (what travels when compressed). */
export async function scriptBytesDuring(page: Page, action: () => Promise<void>): Promise<number> {
  const sizes: Promise<number>[] = [];
  const listener = (response: import('playwright-core').Response) => {
    if (response.request().resourceType() === 'script')
      sizes.push(response.body().then((body) => gzipSync(body).length));
  };
  page.on('response', listener);
  await action();
  page.off('response', listener);
  return (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
}

/**
 * The e-mail the service sent to `address`, once it is there. Without SMTP the test service writes
 * each e-mail to an outbox folder, one file per message; give each test an address of its own.
 */
export async function outboxMailTo(web: WebApp, address: string): Promise<Email> {
  const dir = web.t.config.mail.outboxDir;
  return until(async () => {
    for (const name of await readdir(dir).catch(() => [])) {
      const mail = await PostalMime.parse(await readFile(join(dir, name)));
      if (mail.to?.some((to) => to.address === address)) return mail;
    }
    return undefined;
  });
}
