import { createServer } from 'node:net';
import { startOidcTestProvider, type OidcTestAccount } from './oidc-test-provider';

/** A port free on 127.0.0.1 now, for a gateway that starts later. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A company's OpenID Connect provider, registered for a gateway that is still to start. */
export interface CompanyProvider {
  /** The provider's issuer URL: where a browser signs in. */
  readonly issuer: string;
  /** The gateway's address (http://127.0.0.1:<port>), where the provider sends the browser back. */
  readonly gatewayUrl: string;
  /** What the gateway needs to sign in through this provider: its port and the OIDC_* settings. */
  readonly gatewayEnv: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts a real OpenID Connect provider for a gateway's company sign-in: the
 * gateway's port is chosen first, since the provider only sends browsers back
 * to a callback it knows. `postLogoutPaths` (under the gateway) are where the
 * provider may send a browser after logout.
 */
export async function startCompanyProvider(options: { accounts: Record<string, OidcTestAccount>; postLogoutPaths?: string[] }): Promise<CompanyProvider> {
  const port = await freePort();
  const gatewayUrl = `http://127.0.0.1:${port}`;
  const callback = `${gatewayUrl}/api/auth/oidc/callback`;
  const provider = await startOidcTestProvider({
    redirectUris: [callback],
    postLogoutUris: (options.postLogoutPaths ?? []).map((path) => `${gatewayUrl}${path}`),
    accounts: options.accounts,
  });
  return {
    issuer: provider.issuer,
    gatewayUrl,
    gatewayEnv: {
      HTTP_PORT: String(port),
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URL: callback,
      // The test provider speaks plain HTTP on 127.0.0.1.
      OIDC_ALLOW_HTTP: 'true',
    },
    stop: () => provider.stop(),
  };
}
