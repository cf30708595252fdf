// Visual check of the built console: serves dist/apps/admin/browser under /admin/ (like the
// gateway does), stubs the gateway's /health/ready and /api/auth/login, and saves screenshots.
//
//   npx nx run admin:build && npx node apps/admin/scripts/screenshot.mjs [outDir]
//
// With ADMIN_BASE_URL=http://127.0.0.1:3000 it shoots a running gateway instead (real
// /health/ready and /api answers; the stubbed "MongoDB down" scenario is skipped).
//
// Needs /usr/bin/chromium (apt-get install -y chromium); never downloads a browser.
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const workspace = resolve(here, '../../..');
const root = join(workspace, 'dist/apps/admin/browser');
const outDir = resolve(process.argv[2] ?? join(here, '../tmp/screenshots'));
if (!existsSync(join(root, 'index.html'))) {
  console.error(`No build at ${root}: run "npx nx run admin:build" first.`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain',
};

const healthy = {
  status: 'ok',
  info: { nats: { status: 'up', server: '127.0.0.1:4222', rttMs: 0.42 }, mongodb: { status: 'up' } },
  error: {},
  details: { nats: { status: 'up', server: '127.0.0.1:4222', rttMs: 0.42 }, mongodb: { status: 'up' } },
};
const mongoDown = {
  status: 'error',
  info: { nats: { status: 'up', rttMs: 0.51 } },
  error: { mongodb: { status: 'down', message: 'timeout of 1500ms exceeded' } },
  details: { nats: { status: 'up', rttMs: 0.51 }, mongodb: { status: 'down', message: 'timeout of 1500ms exceeded' } },
};
let healthMode = 'ok';

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/health/ready') {
    return healthMode === 'ok' ? json(res, 200, healthy) : json(res, 503, mongoDown);
  }
  if (url.pathname.startsWith('/api/')) {
    // What Nest answers for a route that does not exist yet.
    return json(res, 404, { message: `Cannot ${req.method} ${url.pathname}`, error: 'Not Found', statusCode: 404 });
  }
  if (!url.pathname.startsWith('/admin/')) {
    res.writeHead(302, { location: '/admin/' });
    return res.end();
  }
  const relative = normalize(decodeURIComponent(url.pathname.slice('/admin/'.length))).replace(/^(\.\.[/\\])+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
const external = process.env.ADMIN_BASE_URL?.replace(/\/$/, '');
if (!external) await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = external ?? `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const problems = [];

async function shoot(name, path, { width = 1280, height = 800, before, after } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('console', (message) => {
    // Failed requests are part of the scenarios (503 health, 404 login); anything else is a problem.
    if (message.text().startsWith('Failed to load resource')) return;
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${name}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`));
  await before?.();
  await page.goto(base + path, { waitUntil: 'networkidle' });
  await page.evaluate(() => document.fonts.ready);
  await after?.(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  console.log(`${name}.png  ${path}  "${await page.title()}"`);
  await page.close();
}

try {
  await shoot('dashboard', '/admin/', { before: () => (healthMode = 'ok') });
  if (!external) await shoot('dashboard-degraded', '/admin/dashboard', { before: () => (healthMode = 'down') });
  await shoot('agents', '/admin/agents', { before: () => (healthMode = 'ok') });
  await shoot('support-queues', '/admin/support-queues');
  await shoot('not-found', '/admin/no-such-page');
  await shoot('login', '/admin/login');
  await shoot('login-invalid', '/admin/login', {
    after: async (page) => page.getByRole('button', { name: 'Sign in' }).click(),
  });
  await shoot('login-failed', '/admin/login', {
    after: async (page) => {
      await page.getByLabel('Username').fill('ada');
      await page.getByLabel('Password', { exact: true }).fill('correct horse');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
    },
  });
  await shoot('dashboard-mobile', '/admin/dashboard', { width: 390, height: 844 });
} finally {
  await browser.close();
  if (!external) server.close();
}

console.log(`Screenshots in ${outDir}`);
if (problems.length) {
  console.log('Browser console problems:\n' + problems.map((problem) => `  ${problem}`).join('\n'));
  process.exitCode = 1;
}
