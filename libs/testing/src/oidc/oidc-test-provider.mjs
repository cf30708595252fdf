// A real OpenID Connect provider (oidc-provider) for the tests: started by
// startOidcTestProvider() as a child process of the test (oidc-provider ships
// ES modules only, which jest's CommonJS runtime cannot load). Its sign-in
// page takes any account listed in OIDC_TEST_ACCOUNTS, password ignored.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? '{}');
const server = createServer();
await new Promise((resolve) => server.listen(Number(process.env.OIDC_TEST_PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_TEST_CLIENT_ID,
      client_secret: process.env.OIDC_TEST_CLIENT_SECRET,
      redirect_uris: JSON.parse(process.env.OIDC_TEST_REDIRECT_URIS),
      post_logout_redirect_uris: JSON.parse(process.env.OIDC_TEST_POST_LOGOUT_URIS ?? '[]'),
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
  ],
  cookies: { keys: ['switchboard-oidc-test-cookie-key'] },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'switchboard_role'] },
  // The role and username in the ID token itself, where the gateway reads them.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(_ctx, sub) {
    const account = accounts[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, preferred_username: sub, ...account }) };
  },
});
provider.proxy = false;
server.on('request', provider.callback());
console.log(JSON.stringify({ msg: 'listening', issuer }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
