import { BadRequestException, Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Post, UnauthorizedException, UseGuards } from '@nestjs/common';
import { loginRequestSchema, type LoginResponse, type Principal } from '@switchboard/contracts';
import { IDENTITY_PROVIDER, type IdentityProvider } from '../identity-provider';
import { TokenService } from '../token/token.service';
import { AuthGuard } from './auth.guard';
import { CurrentPrincipal } from './current-principal.decorator';
import { SharedSignInThrottle } from './shared-sign-in-throttle';

@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(IDENTITY_PROVIDER) private readonly identities: IdentityProvider,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(SharedSignInThrottle) private readonly throttle: SharedSignInThrottle,
  ) {}

  /** Exchanges a username and password for a signed token (8 h); repeated failures make the account wait (429). */
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown): Promise<LoginResponse> {
    const parsed = loginRequestSchema.safeParse(body);
    if (!parsed.success) {
      throw new BadRequestException({ code: 'BAD_REQUEST', message: 'Send a username and a password.', details: parsed.error.issues });
    }
    const { username, password } = parsed.data;
    const waitMs = await this.throttle.waitFor(username);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new HttpException(
        { code: 'TOO_MANY_ATTEMPTS', message: `Too many failed sign-ins for this account. Try again in ${seconds} seconds.`, details: { retryAfterSeconds: seconds } },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const principal = await this.identities.authenticate(username, password);
    if (!principal) {
      await this.throttle.failed(username);
      throw new UnauthorizedException({ code: 'UNAUTHORIZED', message: 'Wrong username or password.' });
    }
    const issued = await this.tokens.issue(principal);
    return { token: issued.token, expiresAt: issued.expiresAt.toISOString(), principal };
  }

  /** Who the bearer token speaks for. */
  @Get('me')
  @UseGuards(AuthGuard)
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
