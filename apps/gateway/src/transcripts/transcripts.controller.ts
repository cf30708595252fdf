import { Body, Controller, Get, Inject, Logger, Param, Put, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import {
  TRANSCRIPT_MEDIA_TYPE,
  TRANSCRIPT_PAGE_EVENTS,
  transcriptEmailRequestSchema,
  type Principal,
  type TranscriptEmailRequest,
  type TranscriptEmailStatus,
} from '@switchboard/contracts';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { AuthGuard, CurrentPrincipal } from '../identity';
import { ApiZodBody, errorResponseSchema } from '../admin-api/shared/openapi';
import { zodPipe } from '../admin-api/shared/zod-validation.pipe';
import { TranscriptsService, type OpenTranscript } from './transcripts.service';

const pdf = { description: `The transcript as a PDF, streamed (written ${TRANSCRIPT_PAGE_EVENTS} history events at a time)`, content: { [TRANSCRIPT_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } } };
const emailStatus = {
  type: 'object' as const,
  required: ['available', 'requested'],
  properties: {
    available: { type: 'boolean', description: 'The end user may ask for the e-mail' },
    reason: { type: 'string', enum: ['settingOff', 'notConfigured', 'noAddress'], description: 'Why not, when not available' },
    address: { type: 'string', description: "The address on the end user's record it goes to" },
    requested: { type: 'boolean', description: 'Asked for: sent when the chat ends (at once when it has)' },
    sentAt: { type: 'string', format: 'date-time' },
  },
};

/**
 * Transcripts of a chat (issue 17) for whoever may read them: thin, the
 * service decides. Any signed-in principal reaches the routes; the service
 * refuses the wrong one with FORBIDDEN.
 */
@Controller('api')
@ApiTags('transcripts')
@UseGuards(AuthGuard)
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or invalid token', schema: errorResponseSchema })
@ApiForbiddenResponse({ description: 'FORBIDDEN: not the chat\'s end user, not an agent of the chat (internal), not an administrator', schema: errorResponseSchema })
export class TranscriptsController {
  private readonly logger = new Logger(TranscriptsController.name);

  constructor(@Inject(TranscriptsService) private readonly transcripts: TranscriptsService) {}

  @Get('transcripts/:sessionId')
  @ApiOperation({ summary: "The end user's transcript of a chat (messages and notifications, never side notes; R13): the chat's end user and administrators" })
  @ApiProduces(TRANSCRIPT_MEDIA_TYPE)
  @ApiOkResponse(pdf)
  @ApiNotFoundResponse({ description: 'SESSION_NOT_FOUND', schema: errorResponseSchema })
  async endUser(@Param('sessionId') sessionId: string, @CurrentPrincipal() principal: Principal, @Res() res: ServerResponse): Promise<void> {
    await this.stream(await this.transcripts.open(principal, sessionId, 'endUser'), res);
  }

  @Get('transcripts/:sessionId/internal')
  @ApiOperation({ summary: 'The internal transcript of a chat, side notes included: the agents of the chat (owner, transfer target, anyone who held it) and administrators' })
  @ApiProduces(TRANSCRIPT_MEDIA_TYPE)
  @ApiOkResponse(pdf)
  @ApiNotFoundResponse({ description: 'SESSION_NOT_FOUND', schema: errorResponseSchema })
  async internal(@Param('sessionId') sessionId: string, @CurrentPrincipal() principal: Principal, @Res() res: ServerResponse): Promise<void> {
    await this.stream(await this.transcripts.open(principal, sessionId, 'internal'), res);
  }

  @Get('transcripts/:sessionId/email')
  @ApiOperation({ summary: "Whether the chat's transcript can be, was asked to be, or was e-mailed to the end user (the chat's end user only)" })
  @ApiOkResponse({ schema: emailStatus })
  @ApiNotFoundResponse({ description: 'SESSION_NOT_FOUND', schema: errorResponseSchema })
  emailStatus(@Param('sessionId') sessionId: string, @CurrentPrincipal() principal: Principal): Promise<TranscriptEmailStatus> {
    return this.transcripts.emailStatus(principal, sessionId);
  }

  @Put('transcripts/:sessionId/email')
  @ApiOperation({
    summary:
      "The end user asks for the transcript by e-mail when the chat ends ({send: true}; at once if it has ended) or no longer wants it ({send: false}); it goes to the address on the end user's record",
  })
  @ApiZodBody(transcriptEmailRequestSchema)
  @ApiOkResponse({ schema: emailStatus })
  @ApiNotFoundResponse({ description: 'SESSION_NOT_FOUND', schema: errorResponseSchema })
  @ApiConflictResponse({ description: 'TRANSCRIPT_EMAIL_UNAVAILABLE (details.reason: settingOff, notConfigured, noAddress)', schema: errorResponseSchema })
  requestEmail(
    @Param('sessionId') sessionId: string,
    @Body(zodPipe(transcriptEmailRequestSchema)) body: TranscriptEmailRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TranscriptEmailStatus> {
    return this.transcripts.requestEmail(principal, sessionId, body.send);
  }

  @Get('tickets/:ticketId/transcript')
  @ApiOperation({ summary: "R14: the internal transcript attached to a ticket when its chat ended: the agents of the chat and administrators" })
  @ApiProduces(TRANSCRIPT_MEDIA_TYPE)
  @ApiOkResponse(pdf)
  @ApiNotFoundResponse({ description: 'TRANSCRIPT_NOT_ATTACHED', schema: errorResponseSchema })
  async ticket(@Param('ticketId') ticketId: string, @CurrentPrincipal() principal: Principal, @Res() res: ServerResponse): Promise<void> {
    await this.stream(await this.transcripts.openTicketTranscript(principal, ticketId), res);
  }

  /** The PDF into the response as it is written; a download cut off stops the writing. */
  private async stream(transcript: OpenTranscript, res: ServerResponse): Promise<void> {
    res.statusCode = 200;
    res.setHeader('Content-Type', TRANSCRIPT_MEDIA_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="${transcript.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await pipeline(transcript.pdf, res);
    } catch (error) {
      // Headers are out: the download ends short; the client sees it cut.
      if (!res.destroyed) res.destroy();
      this.logger.warn({ err: error }, 'transcript download ended early');
    }
  }
}
