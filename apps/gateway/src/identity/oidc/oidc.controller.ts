import { AccountStatus } from '../account-status/account-status';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { TokenService } from '../token/token.service';
import { safeReturnPath } from './oidc-principal';
import { FLOW_COOKIE, OidcSignIn, PASSWORD_SIGN_IN } from './oidc-sign-in.service';

/** What these handlers use of Express's request and response (the gateway runs on the Express adapter). */
interface Request {
  originalUrl: string;
  protocol: string;
  headers: { cookie?: string };
  get(name: string): string | undefined;
}
interface CookieOptions {
  httpOnly?: boolean;
  sameSite?: 'lax';
  secure?: boolean;
  path: string;
  maxAge?: number;
}
interface Response {
  cookie(name: string, value: string, options: CookieOptions): void;
  clearCookie(name: string, options: CookieOptions): void;
  redirect(status: number, url: string): void;
}

/**
 * Browser sign-in through the company's OpenID Connect provider. The consoles
 * send the browser to `/api/auth/oidc/login?returnTo=/agent/`; after the
 * provider, `/api/auth/oidc/callback` sends it back to that page with the
 * session in the URL fragment (never sent to a server, so never in a log).
 */
@Controller('api/auth')
export class OidcController {
  constructor(
    @Inject(OidcSignIn) private readonly oidc: OidcSignIn,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(PASSWORD_SIGN_IN) private readonly passwordSignIn: boolean,
    @Inject(AccountStatus) private readonly accounts: AccountStatus,
  ) {}

  /** Which ways of signing in this gateway offers (the consoles show the buttons that work). */
  @Get('methods')
  methods(): { password: boolean; oidc: boolean } {
    return { password: this.passwordSignIn, oidc: this.oidc.configured };
  }

  @Get('oidc/login')
  async login(@Query('returnTo') returnTo: unknown, @Res() res: Response): Promise<void> {
    const { url, flowCookie } = await this.oidc.start(returnTo);
    res.cookie(FLOW_COOKIE, flowCookie, { httpOnly: true, sameSite: 'lax', secure: url.startsWith('https:'), path: '/api/auth/oidc', maxAge: 600_000 });
    res.redirect(302, url);
  }

  @Get('oidc/callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const callbackUrl = new URL(req.originalUrl, `${req.protocol}://${req.get('host')}`);
    const { principal, returnTo } = await this.oidc.finish(callbackUrl, cookieOf(req, FLOW_COOKIE));
    await this.accounts.refuseDisabled(principal);
    const session = await this.tokens.issueSession(principal);
    res.clearCookie(FLOW_COOKIE, { path: '/api/auth/oidc' });
    const fragment = new URLSearchParams({
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      refreshToken: session.refreshToken,
      refreshExpiresAt: session.refreshExpiresAt.toISOString(),
      principal: JSON.stringify(principal),
    });
    res.redirect(302, `${returnTo}#${fragment.toString()}`);
  }

  /** Signs out at the provider too, then back to `returnTo` (the console has dropped its tokens already). */
  @Get('oidc/logout')
  async logout(@Query('returnTo') returnTo: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const back = new URL(safeReturnPath(returnTo), `${req.protocol}://${req.get('host')}`).href;
    res.redirect(302, (await this.oidc.logoutUrl(back)) ?? back);
  }
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
