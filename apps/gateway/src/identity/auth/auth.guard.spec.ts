import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { PrincipalRole } from '@switchboard/contracts';
import { TokenService } from '../token/token.service';
import { AuthGuard, bearerToken } from './auth.guard';
import type { AuthenticatedRequest } from './current-principal.decorator';
import { Roles } from './roles.decorator';

const tokens = new TokenService('a-test-secret-that-is-long-enough-0123456789', 3600);

class AdminOnly {
  @Roles('admin')
  handler(): void {}
  open(): void {}
}

function contextFor(request: AuthenticatedRequest, handler: keyof AdminOnly): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => request }),
    getHandler: () => AdminOnly.prototype[handler],
    getClass: () => AdminOnly,
  } as unknown as ExecutionContext;
}

async function guard(role: PrincipalRole | undefined, handler: keyof AdminOnly, header?: string) {
  const request: AuthenticatedRequest = { headers: {} };
  if (role) request.headers['authorization'] = `Bearer ${(await tokens.issue({ id: 'u1', role, name: 'U' })).token}`;
  if (header !== undefined) request.headers['authorization'] = header;
  const result = await new AuthGuard(tokens, new Reflector()).canActivate(contextFor(request, handler));
  return { result, request };
}

describe('AuthGuard', () => {
  it('R19 admin REST: lets an admin token through @Roles("admin") and puts the principal on the request', async () => {
    const { result, request } = await guard('admin', 'handler');
    expect(result).toBe(true);
    expect(request.principal).toEqual({ id: 'u1', role: 'admin', name: 'U' });
  });

  it('R19 admin REST: refuses agents and end users with FORBIDDEN', async () => {
    await expect(guard('agent', 'handler')).rejects.toBeInstanceOf(ForbiddenException);
    await expect(guard('endUser', 'handler')).rejects.toMatchObject({ response: { code: 'FORBIDDEN' } });
  });

  it('R19 admin REST: refuses a missing or bad token with UNAUTHORIZED', async () => {
    await expect(guard(undefined, 'handler')).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(guard(undefined, 'open', 'Bearer nope')).rejects.toMatchObject({ response: { code: 'UNAUTHORIZED' } });
  });

  it('without @Roles any signed-in role passes', async () => {
    expect((await guard('endUser', 'open')).result).toBe(true);
  });

  it('reads only well-formed bearer headers', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
