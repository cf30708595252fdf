import { Get, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { AdminController } from '../shared/admin-controller.decorator';
import { recordFreshnessOpenApi } from '../freshness/record-freshness';
import { DashboardService } from './dashboard.service';

@AdminController('dashboard', 'dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({ summary: 'The dashboard figures now: waiting per queue, longest wait, agents and load, sessions by status, assignments per minute' })
  @ApiOkResponse({ description: 'DashboardSnapshot, with how fresh it is', schema: { type: 'object', properties: { generatedAt: { type: 'string', format: 'date-time' }, freshness: recordFreshnessOpenApi } } })
  snapshot() {
    return this.dashboard.current();
  }

  /**
   * Server-sent events: a `snapshot` event now and after every change (within
   * a fraction of a second). Send the bearer token as a header (fetch), not in the URL.
   */
  @Sse('stream')
  @ApiOperation({ summary: 'The same figures as server-sent events, pushed on every change' })
  @ApiProduces('text/event-stream')
  stream(): Observable<MessageEvent> {
    return this.dashboard.watch().pipe(map((snapshot) => ({ type: 'snapshot', data: snapshot })));
  }
}
