import { BadRequestException, Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Ip, Post, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { loginRequestSchema, refreshRequestSchema, type LoginResponse, type Principal } from '@switchboard/contracts';
import { AccountStatus } from '../account-status/account-status';
import { IDENTITY_PROVIDER, type IdentityProvider } from '../identity-provider';
import { EndedSignIns } from '../revocation/ended-sign-ins';
import { SessionRevocations } from '../revocation/session-revocations';
import { TokenService, type IssuedSession, type TokenCheck } from '../token/token.service';
import { AuthGuard } from './auth.guard';
import { CurrentPrincipal } from './current-principal.decorator';
import {
  clearRefreshCookie,
  consoleOf,
  readCookie,
  refreshCookieName,
  requireOwnOrigin,
  setRefreshCookie,
  type ConsoleName,
  type CookieRequest,
  type CookieResponse,
  type RefreshCookieOptions,
} from './refresh-cookie';
import { SharedSignInThrottle } from './shared-sign-in-throttle';

export const REFRESH_COOKIE_OPTIONS = Symbol('REFRESH_COOKIE_OPTIONS');

/** Where the refresh token came from: a console's cookie, or the body of a non-browser client. */
type Presented = { consoleName: ConsoleName; token: string } | { consoleName: undefined; token: string };

@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(IDENTITY_PROVIDER) private readonly identities: IdentityProvider,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(SharedSignInThrottle) private readonly throttle: SharedSignInThrottle,
    @Inject(SessionRevocations) private readonly revocations: SessionRevocations,
    @Inject(AccountStatus) private readonly accounts: AccountStatus,
    @Inject(EndedSignIns) private readonly endedSignIns: EndedSignIns,
    @Inject(REFRESH_COOKIE_OPTIONS) private readonly cookies: RefreshCookieOptions,
  ) {}

  /**
   * Exchanges a username and password for a signed token (403 ACCOUNT_DISABLED for a disabled agent or end user); repeated failures make that
   * account wait from that address, and an address trying many accounts wait (429). A console (header `X-Switchboard-Console`) gets its
   * refresh token as an HttpOnly cookie and not in the body; a non-browser client gets it in the body.
   */
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: unknown,
    @Ip() address: string | undefined,
    @Req() req: CookieRequest,
    @Res({ passthrough: true }) res: CookieResponse,
  ): Promise<LoginResponse> {
    const consoleName = consoleOf(req);
    requireOwnOrigin(req, this.cookies.http, consoleName !== undefined);
    const parsed = loginRequestSchema.safeParse(body);
    if (!parsed.success) {
      throw new BadRequestException({ code: 'BAD_REQUEST', message: 'Send a username and a password.', details: parsed.error.issues });
    }
    const { username, password } = parsed.data;
    const waitMs = await this.throttle.waitFor(username, address);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new HttpException(
        { code: 'TOO_MANY_ATTEMPTS', message: `Too many failed sign-ins from your address. Try again in ${seconds} seconds.`, details: { retryAfterSeconds: seconds } },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const principal = await this.identities.authenticate(username, password);
    if (!principal) {
      await this.throttle.failed(username, address);
      throw new UnauthorizedException({ code: 'UNAUTHORIZED', message: 'Wrong username or password.' });
    }
    await this.accounts.refuseDisabled(principal);
    return this.answer(req, res, consoleName, await this.tokens.issueSession(principal, { method: 'password' }), principal);
  }

  /**
   * The refresh token buys a new access token and refresh token of the same sign-in; refused once that sign-in or all the person's
   * sessions were ended (401). A console sends none: its cookie carries it (header `X-Switchboard-Console`, own `Origin`); a
   * non-browser client sends `{refreshToken}`. Neither: 401 NO_REFRESH_TOKEN.
   */
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Body() body: unknown, @Req() req: CookieRequest, @Res({ passthrough: true }) res: CookieResponse): Promise<LoginResponse> {
    const presented = this.presented(body, req);
    const check = await this.tokens.verifyRefresh(presented.token);
    if (!check.ok) {
      if (presented.consoleName) clearRefreshCookie(req, res, presented.consoleName, this.cookies.secure);
      throw new UnauthorizedException({
        code: 'UNAUTHORIZED',
        message: check.reason === 'invalid' ? 'The refresh token is not valid.' : 'This sign-in has ended; sign in again.',
      });
    }
    await this.accounts.refuseDisabled(check.principal);
    const issued = await this.tokens.issueSession(check.principal, { signInId: check.signInId, method: check.method });
    return this.answer(req, res, presented.consoleName, issued, check.principal);
  }

  /**
   * Single sign-out: ends the sign-in of the refresh token presented (cookie or body, as for refresh) on every gateway, and clears the
   * cookie. The person's other sign-ins (other devices, other consoles) stay. A token already ended or expired ends nothing (204).
   */
  @Post('sign-out')
  @HttpCode(204)
  async signOut(@Body() body: unknown, @Req() req: CookieRequest, @Res({ passthrough: true }) res: CookieResponse): Promise<void> {
    const presented = this.presented(body, req);
    const check: TokenCheck = await this.tokens.verifyRefresh(presented.token);
    if (check.ok && check.signInId) await this.endedSignIns.end(check.signInId);
    if (presented.consoleName) clearRefreshCookie(req, res, presented.consoleName, this.cookies.secure);
  }

  /** Ends every session of the caller: all its tokens fail and its sockets close, on every gateway, within seconds. */
  @Post('sign-out-everywhere')
  @HttpCode(204)
  @UseGuards(AuthGuard)
  async signOutEverywhere(@CurrentPrincipal() principal: Principal, @Req() req: CookieRequest, @Res({ passthrough: true }) res: CookieResponse): Promise<void> {
    await this.revocations.revoke(principal.id);
    const consoleName = consoleOf(req);
    if (consoleName) clearRefreshCookie(req, res, consoleName, this.cookies.secure);
  }

  /** Who the bearer token speaks for. */
  @Get('me')
  @UseGuards(AuthGuard)
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  /** The refresh token of the request: the console's cookie (checked for CSRF), else the body's. */
  private presented(body: unknown, req: CookieRequest): Presented {
    const consoleName = consoleOf(req);
    requireOwnOrigin(req, this.cookies.http, consoleName !== undefined);
    if (consoleName) {
      const token = readCookie(req, refreshCookieName(consoleName));
      if (!token) throw new UnauthorizedException({ code: 'NO_REFRESH_TOKEN', message: 'Not signed in: this browser holds no sign-in for this console.' });
      return { consoleName, token };
    }
    const empty = body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0);
    if (empty) throw new UnauthorizedException({ code: 'NO_REFRESH_TOKEN', message: 'Send {refreshToken}, or the X-Switchboard-Console header with the sign-in cookie.' });
    const parsed = refreshRequestSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException({ code: 'BAD_REQUEST', message: 'Send a refreshToken.', details: parsed.error.issues });
    return { consoleName: undefined, token: parsed.data.refreshToken };
  }

  /** A console's refresh token goes into its cookie only; a non-browser client's into the body. */
  private answer(req: CookieRequest, res: CookieResponse, consoleName: ConsoleName | undefined, issued: IssuedSession, principal: Principal): LoginResponse {
    if (!consoleName) return sessionResponse(issued, principal, true);
    setRefreshCookie(req, res, consoleName, issued.refreshToken, issued.refreshExpiresAt, this.cookies.secure);
    return sessionResponse(issued, principal, false);
  }
}

export function sessionResponse(issued: IssuedSession, principal: Principal, withRefreshToken: boolean): LoginResponse {
  return {
    token: issued.token,
    expiresAt: issued.expiresAt.toISOString(),
    ...(withRefreshToken ? { refreshToken: issued.refreshToken } : {}),
    refreshExpiresAt: issued.refreshExpiresAt.toISOString(),
    principal,
    method: issued.method,
  };
}
