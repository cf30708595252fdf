import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';

export interface OidcTestAccount {
  name: string;
  /** admin, supervisor, agent or endUser (what a company's provider would put in the role claim). */
  switchboard_role: string | string[];
}

export interface OidcTestProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  stop(): Promise<void>;
}

/** Starts a real OpenID Connect provider for a test; resolves with its issuer URL once it listens. */
export async function startOidcTestProvider(options: {
  redirectUris: string[];
  postLogoutUris?: string[];
  accounts: Record<string, OidcTestAccount>;
}): Promise<OidcTestProvider> {
  const clientId = 'switchboard';
  const clientSecret = 'switchboard-test-client-secret-0123456789';
  const child = spawn(process.execPath, [resolve(__dirname, 'oidc-test-provider.mjs')], {
    env: {
      ...process.env,
      OIDC_TEST_CLIENT_ID: clientId,
      OIDC_TEST_CLIENT_SECRET: clientSecret,
      OIDC_TEST_REDIRECT_URIS: JSON.stringify(options.redirectUris),
      OIDC_TEST_POST_LOGOUT_URIS: JSON.stringify(options.postLogoutUris ?? []),
      OIDC_TEST_ACCOUNTS: JSON.stringify(options.accounts),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const issuer = await new Promise<string>((resolveIssuer, reject) => {
    const timer = setTimeout(() => reject(new Error(`OpenID provider did not start:\n${output.join('\n')}`)), 30_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const match = /"msg":"listening","issuer":"([^"]+)"/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolveIssuer(match[1]!);
        }
      });
    }
    void exited.then(() => reject(new Error(`OpenID provider exited:\n${output.join('\n')}`)));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The provider's sign-in page (oidc-provider's development interactions): the
 * names of its fields, and a password, which the test provider ignores.
 */
const SIGN_IN_FORM = { login: 'login', password: 'password', anyPassword: 'anything' } as const;

/**
 * A person's way through the provider, in a browser sent there by a console's
 * "Sign in with your company account": waits for the provider's sign-in page,
 * signs in as `login`, then consents on the next page. Where the browser goes
 * afterwards is the caller's to wait for.
 */
export async function signInAtProviderPage(page: Page, issuer: string, login: string, timeoutMs = 20_000): Promise<void> {
  await page.waitForURL(`${issuer}/interaction/**`, { timeout: timeoutMs });
  await page.locator(`input[name="${SIGN_IN_FORM.login}"]`).fill(login);
  await page.locator(`input[name="${SIGN_IN_FORM.password}"]`).fill(SIGN_IN_FORM.anyPassword);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(`${issuer}/interaction/**`, { timeout: timeoutMs });
  await page.locator('button[type="submit"]').click(); // consent
}

/**
 * A browser's way through the provider, by HTTP: follows the redirects from
 * `startUrl` (the gateway's /api/auth/oidc/login) with a cookie jar per host,
 * signs in as `login` on the provider's page and consents, and stops at the
 * first redirect to `stopAt` (the console page, or a test of the URL). Returns that URL.
 */
export async function signInThroughProvider(startUrl: string, login: string, stopAt: string | ((url: URL) => boolean)): Promise<URL> {
  const done = typeof stopAt === 'string' ? (u: URL) => u.href.startsWith(stopAt) : stopAt;
  const jar = new Map<string, Map<string, string>>();
  const cookieHeader = (url: URL) => [...(jar.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (url: URL, res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const cookies = jar.get(url.host) ?? new Map<string, string>();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) cookies.delete(name!.trim());
      else cookies.set(name!.trim(), value.join('='));
      jar.set(url.host, cookies);
    }
  };
  let url = new URL(startUrl);
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: cookieHeader(url), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    keep(url, res);
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (done(url)) return url;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`${url.href} answered ${res.status}: ${html.slice(0, 500)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (prompt === 'login') body = new URLSearchParams({ prompt: 'login', [SIGN_IN_FORM.login]: login, [SIGN_IN_FORM.password]: SIGN_IN_FORM.anyPassword });
    else if (prompt === 'consent') body = new URLSearchParams({ prompt: 'consent' });
    else throw new Error(`unexpected page at ${url.href}: ${html.slice(0, 500)}`);
  }
  throw new Error('too many steps through the provider');
}
