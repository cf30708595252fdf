import { Controller, Get, HttpException, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { attachmentIdSchema, isPreviewable, type AttachmentLink, type AttachmentUploadResult, type Principal } from '@switchboard/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { AuthGuard, CurrentPrincipal } from '../identity';
import { CommandRefusal } from '../realtime/sessions/command-refusal';
import { AttachmentError, statusOfRefusal } from './attachment.error';
import { AttachmentsService } from './attachments.service';
import { contentDisposition } from './upload/upload-stream';

const errorSchema = { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} }, required: ['code', 'message'] };

/** After a refusal, the rest of an upload is read and dropped (never kept) for at most this long, then the connection is cut. */
const DRAIN_MS = 5000;

/**
 * Files and screenshots over HTTP (issue 17): uploads and downloads are
 * streamed here, never over NATS or the WebSocket; the protocol reference
 * (docs/protocol/websocket.md, "Attachments") describes the three calls.
 */
@ApiTags('attachments')
@Controller('api')
export class AttachmentsController {
  constructor(@Inject(AttachmentsService) private readonly attachments: AttachmentsService) {}

  @Post('sessions/:sessionId/attachments')
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Send a file or screenshot into a chat (its end user or owning agent)',
    description:
      'The body is the file itself (any Content-Type; its type is decided from its content). Streamed into the attachment store, ' +
      'then posted into the chat as an AttachmentPosted event. Limits: the settings attachmentMaxBytes and attachmentTypes.',
  })
  @ApiParam({ name: 'sessionId' })
  @ApiQuery({ name: 'name', required: false, description: 'File name (at most 255 characters; control characters and slashes are replaced)' })
  @ApiQuery({ name: 'clientId', required: false, description: 'Idempotency key, as for WebSocket commands: a retry with the same one posts once' })
  @ApiConsumes('application/octet-stream', 'image/png', 'image/jpeg')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ description: 'Stored and posted: the command acknowledgement with the attachment reference' })
  @ApiResponse({ status: 413, description: 'ATTACHMENT_TOO_LARGE', schema: errorSchema })
  @ApiResponse({ status: 415, description: 'ATTACHMENT_TYPE_NOT_ALLOWED (the content is of a type not allowed, whatever its name)', schema: errorSchema })
  @ApiResponse({ status: 400, description: 'ATTACHMENT_EMPTY, VALIDATION', schema: errorSchema })
  @ApiResponse({ status: 403, description: 'FORBIDDEN, NOT_OWNER, USER_CANCELLED', schema: errorSchema })
  @ApiResponse({ status: 409, description: 'SESSION_CLOSED, SESSION_FULL', schema: errorSchema })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Param('sessionId') sessionId: string,
    @Query('name') name: unknown,
    @Query('clientId') clientId: unknown,
    @Req() req: IncomingMessage,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<AttachmentUploadResult> {
    const length = Number(req.headers['content-length']);
    try {
      return await this.attachments.upload(principal, sessionId, {
        body: req,
        ...(Number.isSafeInteger(length) && length >= 0 ? { declaredBytes: length } : {}),
        ...(req.headers['content-type'] !== undefined ? { claimedType: req.headers['content-type'] } : {}),
        name,
        clientId,
      });
    } catch (error) {
      if (!req.readableEnded) dropRest(req, res);
      throw asHttp(error);
    }
  }

  @Get('sessions/:sessionId/attachments/:attachmentId/link')
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A signed link to one of the chat’s files, for its end user, its current and earlier agents and administrators' })
  @ApiOkResponse({ description: '`{url, expiresAt}`: the link works for whoever holds it until expiresAt (ATTACHMENT_LINK_TTL_SECONDS)' })
  @ApiResponse({ status: 403, description: 'NOT_A_PARTICIPANT', schema: errorSchema })
  @ApiResponse({ status: 404, description: 'ATTACHMENT_NOT_FOUND', schema: errorSchema })
  link(@CurrentPrincipal() principal: Principal, @Param('sessionId') sessionId: string, @Param('attachmentId') attachmentId: string): Promise<AttachmentLink> {
    if (!attachmentIdSchema.safeParse(attachmentId).success) throw new AttachmentError('ATTACHMENT_NOT_FOUND', 'There is no such file.');
    return this.attachments.link(principal, sessionId, attachmentId);
  }

  @Get('attachments/:attachmentId')
  @ApiOperation({ summary: 'Download a file through a signed link (no bearer token: the link is the permission)' })
  @ApiQuery({ name: 'session', required: true })
  @ApiQuery({ name: 'expires', required: true })
  @ApiQuery({ name: 'sig', required: true })
  @ApiProduces('application/octet-stream', 'image/png', 'image/jpeg', 'application/pdf')
  @ApiOkResponse({ description: 'The bytes, streamed, with the type found in the content; images inline, everything else as a download' })
  @ApiResponse({ status: 403, description: 'LINK_INVALID', schema: errorSchema })
  @ApiResponse({ status: 404, description: 'ATTACHMENT_NOT_FOUND', schema: errorSchema })
  @ApiResponse({ status: 410, description: 'LINK_EXPIRED', schema: errorSchema })
  async download(@Param('attachmentId') attachmentId: string, @Query() query: Record<string, unknown>, @Res() res: ServerResponse): Promise<void> {
    const { file, content, secondsLeft } = await this.attachments.open(attachmentId, query);
    res.statusCode = 200;
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', contentDisposition(file.name, isPreviewable(file.mediaType)));
    res.setHeader('Cache-Control', `private, max-age=${secondsLeft}`);
    // Opened directly, the file can run nothing and reach nothing.
    res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    try {
      await pipeline(content, res);
    } catch {
      // The reader went away or the store failed mid-file: the connection is cut, the client sees a short body.
      res.destroy();
    }
  }
}

/** A refusal from the chat actor or the gateway's checks as an HTTP error `{code, message, details?}`. */
function asHttp(error: unknown): unknown {
  if (error instanceof CommandRefusal) {
    const body = error.details === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, details: error.details };
    return new HttpException(body, statusOfRefusal(error.code));
  }
  return error;
}

/**
 * The answer goes out before the upload was read to its end: the rest is
 * read and dropped (so the client sees the answer rather than a reset
 * connection), for DRAIN_MS at most, and the connection is not kept.
 */
function dropRest(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Connection', 'close');
  req.unpipe();
  req.removeAllListeners('data');
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), DRAIN_MS);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
}
