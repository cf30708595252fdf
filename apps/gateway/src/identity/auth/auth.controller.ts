import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Post, UnauthorizedException, UseGuards } from '@nestjs/common';
import { loginRequestSchema, type LoginResponse, type Principal } from '@switchboard/contracts';
import { IDENTITY_PROVIDER, type IdentityProvider } from '../identity-provider';
import { TokenService } from '../token/token.service';
import { AuthGuard } from './auth.guard';
import { CurrentPrincipal } from './current-principal.decorator';

@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(IDENTITY_PROVIDER) private readonly identities: IdentityProvider,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {}

  /** Exchanges a username and password for a signed token (8 h). */
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown): Promise<LoginResponse> {
    const parsed = loginRequestSchema.safeParse(body);
    if (!parsed.success) {
      throw new BadRequestException({ code: 'BAD_REQUEST', message: 'Send a username and a password.', details: parsed.error.issues });
    }
    const principal = await this.identities.authenticate(parsed.data.username, parsed.data.password);
    if (!principal) throw new UnauthorizedException({ code: 'UNAUTHORIZED', message: 'Wrong username or password.' });
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
