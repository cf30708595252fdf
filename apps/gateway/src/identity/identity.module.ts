import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { SharedSignInThrottle } from './auth/shared-sign-in-throttle';
import { DevCredentialRecord, DevCredentialRecordSchema } from './dev/dev-credential.schema';
import { DevIdentityProvider } from './dev/dev-identity-provider';
import { resolveTokenSecret, type IdentityConfig } from './identity.config';
import { IDENTITY_PROVIDER } from './identity-provider';
import { TokenService } from './token/token.service';

/**
 * Identity: the login endpoint, signed tokens, the REST guard and the token
 * check of the WebSocket handshake. Global, so any feature module can use
 * `@UseGuards(AuthGuard)` without importing it.
 */
@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      imports: [MongooseModule.forFeature([{ name: DevCredentialRecord.name, schema: DevCredentialRecordSchema }])],
      controllers: [AuthController],
      providers: [
        { provide: TokenService, useFactory: () => new TokenService(resolveTokenSecret(config), config.AUTH_TOKEN_TTL_SECONDS) },
        DevIdentityProvider,
        { provide: IDENTITY_PROVIDER, useExisting: DevIdentityProvider },
        AuthGuard,
        SharedSignInThrottle,
      ],
      exports: [TokenService, IDENTITY_PROVIDER, DevIdentityProvider, AuthGuard],
    };
  }
}
