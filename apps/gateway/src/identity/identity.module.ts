import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import { JETSTREAM_STORAGE, NATS_CONNECTION, SUBJECTS, type JetStreamStorage } from '@switchboard/service-kit';
import type { Connection } from 'mongoose';
import { AccountStatus } from './account-status/account-status';
import { AuthController, REFRESH_COOKIE_OPTIONS } from './auth/auth.controller';
import type { RefreshCookieOptions } from './auth/refresh-cookie';
import type { HttpConfig } from '../http/http.config';
import { AuthGuard } from './auth/auth.guard';
import { SharedSignInThrottle } from './auth/shared-sign-in-throttle';
import { DevCredentialRecord, DevCredentialRecordSchema } from './dev/dev-credential.schema';
import { DevIdentityProvider } from './dev/dev-identity-provider';
import { PasswordSignInUnavailable } from './dev/password-sign-in-unavailable';
import { resolveTokenSecret, type IdentityConfig } from './identity.config';
import { IDENTITY_PROVIDER } from './identity-provider';
import { OidcController } from './oidc/oidc.controller';
import { OidcSignIn, OIDC_OPTIONS, PASSWORD_SIGN_IN, type OidcOptions } from './oidc/oidc-sign-in.service';
import { EndedSignIns } from './revocation/ended-sign-ins';
import { RevokedSocketCloser } from './revocation/revoked-socket-closer';
import { SessionRevocations } from './revocation/session-revocations';
import { TokenService } from './token/token.service';

/**
 * Identity: the login endpoint, signed tokens, the REST guard and the token
 * check of the WebSocket handshake. Global, so any feature module can use
 * `@UseGuards(AuthGuard)` without importing it.
 */
@Module({})
export class IdentityModule {
  /** Throws IdentityConfigError (the service does not start) on settings that would let strangers in. */
  static forRoot(config: IdentityConfig & Partial<HttpConfig>): DynamicModule {
    const secret = resolveTokenSecret(config);
    const development = config.AUTH_MODE === 'development';
    if (development) {
      new Logger('Identity').warn({
        msg: 'DEVELOPMENT IDENTITY (AUTH_MODE=development): demo logins and a published signing key; never for production',
        authMode: config.AUTH_MODE,
        nodeEnv: config.NODE_ENV,
      });
    }
    const passwordProviders: Provider[] = development
      ? [DevIdentityProvider, { provide: IDENTITY_PROVIDER, useExisting: DevIdentityProvider }]
      : [{ provide: IDENTITY_PROVIDER, useClass: PasswordSignInUnavailable }];
    return {
      module: IdentityModule,
      global: true,
      imports: development ? [MongooseModule.forFeature([{ name: DevCredentialRecord.name, schema: DevCredentialRecordSchema }])] : [],
      controllers: [AuthController, OidcController],
      providers: [
        SessionRevocations,
        RevokedSocketCloser,
        {
          provide: EndedSignIns,
          inject: [NATS_CONNECTION, SUBJECTS, JETSTREAM_STORAGE],
          useFactory: (nc: NatsConnection, subjects: Subjects, storage: JetStreamStorage) =>
            new EndedSignIns(nc, subjects, config.AUTH_REFRESH_TTL_SECONDS * 1000, storage),
        },
        {
          provide: REFRESH_COOKIE_OPTIONS,
          useValue: {
            secure: config.AUTH_COOKIE_SECURE ?? 'auto',
            http: { TRUST_PROXY: config.TRUST_PROXY ?? '', PUBLIC_URL: config.PUBLIC_URL, ALLOWED_ORIGINS: config.ALLOWED_ORIGINS ?? [] },
          } satisfies RefreshCookieOptions,
        },
        { provide: OIDC_OPTIONS, useValue: { config, secret } satisfies OidcOptions },
        { provide: PASSWORD_SIGN_IN, useValue: development },
        { provide: AccountStatus, inject: [getConnectionToken()], useFactory: (db: Connection) => new AccountStatus(db) },
        { provide: OidcSignIn, inject: [OIDC_OPTIONS, getConnectionToken()], useFactory: (options: OidcOptions, db: Connection) => new OidcSignIn(options, db) },
        {
          provide: TokenService,
          inject: [SessionRevocations, EndedSignIns],
          useFactory: (revocations: SessionRevocations, ended: EndedSignIns) =>
            new TokenService(secret, config.AUTH_TOKEN_TTL_SECONDS, () => new Date(), revocations, config.AUTH_REFRESH_TTL_SECONDS, ended),
        },
        ...passwordProviders,
        AuthGuard,
        SharedSignInThrottle,
      ],
      exports: [TokenService, SessionRevocations, EndedSignIns, REFRESH_COOKIE_OPTIONS, IDENTITY_PROVIDER, ...(development ? [DevIdentityProvider] : []), AuthGuard],
    };
  }
}
