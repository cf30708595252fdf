import { BadRequestException, Controller, Get, Inject, Param, ServiceUnavailableException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NatsConnection } from '@nats-io/transport-node';
import { roundTripResultSchema, type ServiceName, type Subjects } from '@switchboard/contracts';
import { NATS_CONNECTION, SUBJECTS, requestJson } from '@switchboard/service-kit';
import { randomUUID } from 'node:crypto';
import { AuthGuard, Roles } from '../identity';

const SERVICES: readonly ServiceName[] = ['gateway', 'chat-actor', 'router'];

/**
 * Round trip through another service to its database, over NATS: an
 * operator's first check. Administrators only; the probe document is deleted
 * again by the service (issue 13).
 */
@Controller('api/diagnostics')
@ApiTags('diagnostics')
@UseGuards(AuthGuard)
@Roles('admin')
@ApiBearerAuth()
export class DiagnosticsController {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  @Get('round-trip/:service')
  async roundTrip(@Param('service') service: string) {
    if (!SERVICES.includes(service as ServiceName)) {
      throw new BadRequestException({ code: 'BAD_REQUEST', message: `Unknown service "${service}"` });
    }
    const reply = await requestJson(
      this.nc,
      this.subjects.diagnosticsRoundTrip(service as ServiceName),
      { nonce: randomUUID() },
      roundTripResultSchema,
      { timeoutMs: 3000 },
    );
    if (!reply.ok) throw new ServiceUnavailableException(reply.error);
    return reply.data;
  }
}
