import { BadRequestException, Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Ip, Post, UnauthorizedException, UseGuards } from '@nestjs/common';
import { loginRequestSchema, refreshRequestSchema, type LoginResponse, type Principal } from '@switchboard/contracts';
import { AccountStatus } from '../account-status/account-status';
import { IDENTITY_PROVIDER, type IdentityProvider } from '../identity-provider';
import { SessionRevocations } from '../revocation/session-revocations';
import { TokenService, type IssuedSession } from '../token/token.service';
import { AuthGuard } from './auth.guard';
import { CurrentPrincipal } from './current-principal.decorator';
import { SharedSignInThrottle } from './shared-sign-in-throttle';

@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(IDENTITY_PROVIDER) private readonly identities: IdentityProvider,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(SharedSignInThrottle) private readonly throttle: SharedSignInThrottle,
    @Inject(SessionRevocations) private readonly revocations: SessionRevocations,
    @Inject(AccountStatus) private readonly accounts: AccountStatus,
  ) {}

  /**
   * Exchanges a username and password for a signed token (403 ACCOUNT_DISABLED for a disabled agent or end user); repeated failures make that
   * account wait from that address, and an address trying many accounts wait (429).
   */
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Ip() address: string | undefined): Promise<LoginResponse> {
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
    return sessionResponse(await this.tokens.issueSession(principal), principal);
  }

  /** A refresh token buys a new access token and refresh token; refused once the sessions were ended (401). */
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Body() body: unknown): Promise<LoginResponse> {
    const parsed = refreshRequestSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException({ code: 'BAD_REQUEST', message: 'Send a refreshToken.', details: parsed.error.issues });
    const check = await this.tokens.verifyRefresh(parsed.data.refreshToken);
    if (!check.ok) {
      throw new UnauthorizedException({
        code: 'UNAUTHORIZED',
        message: check.reason === 'invalid' ? 'The refresh token is not valid.' : 'This sign-in has ended; sign in again.',
      });
    }
    await this.accounts.refuseDisabled(check.principal);
    return sessionResponse(await this.tokens.issueSession(check.principal), check.principal);
  }

  /** Ends every session of the caller: all its tokens fail and its sockets close, on every gateway, within seconds. */
  @Post('sign-out-everywhere')
  @HttpCode(204)
  @UseGuards(AuthGuard)
  async signOutEverywhere(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.revocations.revoke(principal.id);
  }

  /** Who the bearer token speaks for. */
  @Get('me')
  @UseGuards(AuthGuard)
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

function sessionResponse(issued: IssuedSession, principal: Principal): LoginResponse {
  return {
    token: issued.token,
    expiresAt: issued.expiresAt.toISOString(),
    refreshToken: issued.refreshToken,
    refreshExpiresAt: issued.refreshExpiresAt.toISOString(),
    principal,
  };
}
