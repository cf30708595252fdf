// Identity of the gateway: what the admin REST API and the WebSocket server use.
export { IdentityModule } from './identity.module';
export { IDENTITY_PROVIDER, type IdentityProvider } from './identity-provider';
export { DevIdentityProvider } from './dev/dev-identity-provider';
export { TokenService, type IssuedSession, type IssuedToken, type TokenCheck } from './token/token.service';
export { SessionRevocations } from './revocation/session-revocations';
export { AuthGuard, bearerToken } from './auth/auth.guard';
export { Roles } from './auth/roles.decorator';
export { CurrentPrincipal, type AuthenticatedRequest } from './auth/current-principal.decorator';
export { identityConfigFields, resolveTokenSecret, type IdentityConfig } from './identity.config';
