import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { PrincipalRole } from '@switchboard/contracts';
import { TokenService } from '../token/token.service';
import type { AuthenticatedRequest } from './current-principal.decorator';
import { ROLES_KEY } from './roles.decorator';

/**
 * REST authentication: `Authorization: Bearer <token>` must carry a valid
 * token (401 UNAUTHORIZED otherwise) whose role is one of `@Roles(...)`
 * (403 FORBIDDEN otherwise). Puts the principal on the request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers['authorization']);
    if (!token) throw new UnauthorizedException({ code: 'UNAUTHORIZED', message: 'Sign in first: no bearer token was sent.' });
    const check = await this.tokens.verify(token);
    if (!check.ok) {
      throw new UnauthorizedException({
        code: 'UNAUTHORIZED',
        message:
          check.reason === 'expired'
            ? 'Your sign-in has expired; sign in again.'
            : check.reason === 'revoked'
              ? 'This sign-in was ended (signed out everywhere, or the account was removed); sign in again.'
              : 'The bearer token is not valid.',
      });
    }
    const roles = this.reflector.getAllAndOverride<PrincipalRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (roles && roles.length > 0 && !roles.includes(check.principal.role)) {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: `This needs the role ${roles.join(' or ')}.` });
    }
    request.principal = check.principal;
    return true;
  }
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)$/i.exec(value ?? '');
  return match?.[1];
}
