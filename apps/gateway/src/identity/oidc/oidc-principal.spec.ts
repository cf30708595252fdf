import { principalFromClaims, safeReturnPath } from './oidc-principal';

const options = { idClaim: 'preferred_username', roleClaim: 'switchboard_role' };

describe('OpenID Connect claims to principal', () => {
  it('issue 13 (roles mapped from claims), issue 16 (a supervisor is an agent whose profile lists supervised queues): admin, supervisor, agent and end user; a list takes the highest role; id from preferred_username, else sub', () => {
    expect(principalFromClaims({ sub: 's1', preferred_username: 'ada', name: 'Ada', switchboard_role: 'admin' }, options)).toEqual({ ok: true, principal: { id: 'ada', role: 'admin', name: 'Ada' } });
    expect(principalFromClaims({ sub: 's2', preferred_username: 'sam', switchboard_role: 'Supervisor' }, options)).toMatchObject({ principal: { id: 'sam', role: 'agent', name: 'sam' } });
    expect(principalFromClaims({ sub: 's7', preferred_username: 'ada', switchboard_role: ['supervisor', 'admin'] }, options)).toMatchObject({ principal: { role: 'admin' } });
    expect(principalFromClaims({ sub: 's3', switchboard_role: ['agent', 'endUser'] }, options)).toMatchObject({ principal: { id: 's3', role: 'agent' } });
    expect(principalFromClaims({ sub: 's4', preferred_username: 'erin', switchboard_role: 'endUser' }, options)).toMatchObject({ principal: { role: 'endUser' } });
  });

  it('issue 13: no known role, or no usable id, is a typed refusal', () => {
    expect(principalFromClaims({ sub: 's5', switchboard_role: 'root' }, options)).toMatchObject({ ok: false, code: 'OIDC_NO_ROLE' });
    expect(principalFromClaims({ sub: 's6' }, options)).toMatchObject({ ok: false, code: 'OIDC_NO_ROLE' });
    expect(principalFromClaims({ sub: '', switchboard_role: 'agent' }, options)).toMatchObject({ ok: false, code: 'OIDC_BAD_CLAIMS' });
  });

  it('issue 13: the page to return to after sign-in is a path of this site only', () => {
    expect(safeReturnPath('/agent/')).toBe('/agent/');
    for (const bad of ['//evil.example/', 'https://evil.example/', '/\\evil', 'agent', undefined, '/a b']) expect(safeReturnPath(bad)).toBe('/admin/');
  });
});
