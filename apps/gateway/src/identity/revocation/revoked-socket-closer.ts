import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { WS_CLOSE_CODES } from '@switchboard/contracts';
import { ConnectionRegistry } from '../../realtime/connection/connection-registry';
import { SessionRevocations } from './session-revocations';

const ROLES = ['agent', 'endUser', 'admin'] as const;

/**
 * Closes the WebSocket sockets of a principal whose sessions were revoked, on
 * this gateway (every gateway runs one). 4401: the client does not retry with
 * the same token. The registry is looked up, not injected: identity is global
 * and must not import the realtime module (a gateway without it closes nothing).
 */
@Injectable()
export class RevokedSocketCloser implements OnApplicationBootstrap, OnModuleDestroy {
  private stop?: () => void;

  constructor(
    @Inject(SessionRevocations) private readonly revocations: SessionRevocations,
    @Inject(ModuleRef) private readonly modules: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    const registry = this.registry();
    if (!registry) return;
    this.stop = this.revocations.onRevoked((principalId) => {
      for (const role of ROLES) {
        for (const connection of [...registry.of(role, principalId)]) connection.socket.close(WS_CLOSE_CODES.UNAUTHORIZED, 'session revoked');
      }
    });
  }

  onModuleDestroy(): void {
    this.stop?.();
  }

  private registry(): ConnectionRegistry | undefined {
    try {
      return this.modules.get(ConnectionRegistry, { strict: false });
    } catch {
      return undefined;
    }
  }
}
