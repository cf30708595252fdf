import { AccountStatus } from '../account-status/account-status';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { REFRESH_COOKIE_OPTIONS } from '../auth/auth.controller';
import { CONSOLES, readCookie, setRefreshCookie, type ConsoleName, type CookieRequest, type CookieSettings, type RefreshCookieOptions } from '../auth/refresh-cookie';
import { TokenService } from '../token/token.service';
import { safeReturnPath } from './oidc-principal';
import { FLOW_COOKIE, OidcSignIn, PASSWORD_SIGN_IN } from './oidc-sign-in.service';

/** What these handlers use of Express's request and response (the gateway runs on the Express adapter). */
interface Request extends CookieRequest {
  originalUrl: string;
  protocol: string;
  get(name: string): string | undefined;
}
interface Response {
  cookie(name: string, value: string, options: CookieSettings): void;
  clearCookie(name: string, options: CookieSettings): void;
  redirect(status: number, url: string): void;
}

/**
 * Browser sign-in through the company's OpenID Connect provider. The consoles
 * send the browser to `/api/auth/oidc/login?returnTo=/agent/`; after the
 * provider, `/api/auth/oidc/callback` sets the console's sign-in cookie (the
 * console is the first segment of `returnTo`: admin, agent or widget) and
 * sends the browser back to that page, which restores the sign-in with
 * `POST /api/auth/refresh`. No token travels in the URL.
 */
@Controller('api/auth')
export class OidcController {
  constructor(
    @Inject(OidcSignIn) private readonly oidc: OidcSignIn,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(PASSWORD_SIGN_IN) private readonly passwordSignIn: boolean,
    @Inject(AccountStatus) private readonly accounts: AccountStatus,
    @Inject(REFRESH_COOKIE_OPTIONS) private readonly cookies: RefreshCookieOptions,
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
    const { principal, returnTo } = await this.oidc.finish(callbackUrl, readCookie(req, FLOW_COOKIE));
    await this.accounts.refuseDisabled(principal);
    const session = await this.tokens.issueSession(principal, { method: 'oidc' });
    res.clearCookie(FLOW_COOKIE, { path: '/api/auth/oidc' });
    const consoleName = consoleOfPath(returnTo);
    if (consoleName) setRefreshCookie(req, res, consoleName, session.refreshToken, session.refreshExpiresAt, this.cookies.secure);
    res.redirect(302, returnTo);
  }

  /** Signs out at the provider too, then back to `returnTo` (the console has dropped its tokens already). */
  @Get('oidc/logout')
  async logout(@Query('returnTo') returnTo: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const back = new URL(safeReturnPath(returnTo), `${req.protocol}://${req.get('host')}`).href;
    res.redirect(302, (await this.oidc.logoutUrl(back)) ?? back);
  }
}

/** The console a return path belongs to (`/agent/...` → agent); none for other paths of the site (no cookie is set). */
function consoleOfPath(returnTo: string): ConsoleName | undefined {
  const segment = returnTo.split('/')[1] ?? '';
  return CONSOLES.find((name) => name === segment);
}
