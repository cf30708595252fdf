import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ATTACHMENT_NAME_MAX,
  ATTACHMENT_SNIFF_BYTES,
  clientIdSchema,
  SESSION_ID_PATTERN,
  type AttachmentLink,
  type AttachmentRef,
  type AttachmentUploadResult,
  type Principal,
} from '@switchboard/contracts';
import { attachmentSizeProblem, attachmentTypeProblem, detectedMediaType, maskText, mediaTypeOfName } from '@switchboard/domain';
import { SettingsCache } from '@switchboard/reference-data';
import { SessionReader } from '@switchboard/session-store';
import { fileTypeFromBuffer } from 'file-type';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ackOf } from '../realtime/sessions/acks';
import { ChatCommands, commandIdOf } from '../realtime/sessions/chat-commands.service';
import { CommandRefusal } from '../realtime/sessions/command-refusal';
import { mayFetchAttachments, maySendAttachment } from './access/attachment-access';
import { AttachmentError } from './attachment.error';
import { AttachmentLinks, type LinkParts } from './links/attachment-links';
import { ATTACHMENT_STORE, type AttachmentStore, type StoredAttachment } from './storage/attachment-store';
import { UploadSlots } from './upload/upload-slots';
import { cleanFileName, readHead, SizeLimit } from './upload/upload-stream';

export interface UploadRequest {
  /** The body, unread. */
  body: Readable;
  /** `Content-Length`, when the client sent one. */
  declaredBytes?: number;
  /** `Content-Type` as the client claims it: only for the refusal's message, never for a decision. */
  claimedType?: string;
  name?: unknown;
  clientId?: unknown;
}

/**
 * Files and screenshots (issue 17): streams an upload past the
 * administrator's limits into the attachment store, then posts it into the
 * chat as a command to its actor (the reference only: the bytes never travel
 * on NATS); signs links for the chat's participants and administrators, and
 * opens a file for whoever holds a valid link.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger('Attachments');

  constructor(
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(AttachmentLinks) private readonly links: AttachmentLinks,
    @Inject(ChatCommands) private readonly chat: ChatCommands,
    @Inject(SessionReader) private readonly sessions: SessionReader,
    @Inject(SettingsCache) private readonly settings: SettingsCache,
    @Inject(UploadSlots) private readonly slots: UploadSlots,
  ) {}

  async upload(principal: Principal, sessionId: string, request: UploadRequest): Promise<AttachmentUploadResult> {
    const release = this.slots.take();
    if (!release) throw new CommandRefusal('RATE_LIMITED', 'Too many files are being sent at once; try again in a moment.');
    try {
      return await this.receive(principal, sessionId, request);
    } finally {
      release();
    }
  }

  private async receive(principal: Principal, sessionId: string, request: UploadRequest): Promise<AttachmentUploadResult> {
    const settings = await this.settings.current();
    const clientId = request.clientId === undefined ? randomUUID() : clientIdSchema.safeParse(request.clientId).data;
    if (clientId === undefined) throw new CommandRefusal('VALIDATION', 'clientId: 8 to 64 of A-Z a-z 0-9 _ -');
    // Cheap refusals first, before a byte is read.
    const state = SESSION_ID_PATTERN.test(sessionId) ? (await this.sessions.load(sessionId))?.state : undefined;
    if (!state) throw new CommandRefusal('SESSION_NOT_FOUND', 'There is no such chat session.');
    if (!maySendAttachment(principal, state)) {
      throw principal.role === 'agent' && mayFetchAttachments(principal, state)
        ? new CommandRefusal('NOT_OWNER', 'Only the agent who has this chat can send files to it.')
        : new CommandRefusal('FORBIDDEN', 'You may not send files to this chat session.');
    }
    const declared = attachmentSizeProblem(settings, request.declaredBytes ?? 0);
    if (declared) throw new AttachmentError('ATTACHMENT_TOO_LARGE', declared.message, declared.details);

    // A retry of an upload whose file is stored already (its answer was lost): post that file again, store no copy.
    const commandId = commandIdOf(principal, clientId);
    const earlier = request.clientId === undefined ? undefined : await this.store.findByCommand(commandId);
    if (earlier && earlier.sessionId === sessionId) {
      request.body.resume();
      return this.post(principal, clientId, sessionId, earlier, earlier.name, { deleteIfRefused: false });
    }

    const { head, content } = await readHead(request.body, ATTACHMENT_SNIFF_BYTES);
    if (head.length === 0) throw new AttachmentError('ATTACHMENT_EMPTY', 'The file is empty.');
    const sniffed = await fileTypeFromBuffer(head);
    const mediaType = detectedMediaType(sniffed?.mime, head);
    const name = cleanFileName(request.name, ATTACHMENT_NAME_MAX) ?? `attachment.${sniffed?.ext ?? (mediaType === 'text/plain' ? 'txt' : 'bin')}`;
    const claimed = claimedTypeOf(request.claimedType) ?? mediaTypeOfName(name);
    const wrongType = attachmentTypeProblem(settings, mediaType, claimed);
    if (wrongType) throw new AttachmentError('ATTACHMENT_TYPE_NOT_ALLOWED', wrongType.message, wrongType.details);

    const limit = new SizeLimit(settings.attachmentMaxBytes, () => {
      const problem = attachmentSizeProblem(settings, settings.attachmentMaxBytes + 1)!;
      return new AttachmentError('ATTACHMENT_TOO_LARGE', problem.message, problem.details);
    });
    // The body's failures (the client went away) end the limit too, so the store drops what it wrote;
    // the body itself is left open, so the refusal can still be answered on its connection.
    const limited = content.pipe(limit);
    const cutOff = (error?: Error) => limit.destroy(error ?? new Error('the upload was cut off'));
    content.once('error', cutOff);
    content.once('close', () => {
      if (!content.readableEnded) cutOff();
    });
    // The name is stored masked like any text (card numbers, the administrator's patterns); the chat actor masks
    // the one in the command again and tells the sender.
    const storedName = maskText(name, settings.maskPatterns).text;
    const stored = await this.store.save({ name: storedName, mediaType, sessionId, uploadedBy: { role: principal.role, id: principal.id }, commandId }, limited);
    return this.post(principal, clientId, sessionId, stored, name, { deleteIfRefused: true });
  }

  /** Posts a stored file into the chat; a refused one is removed (it has no message). */
  private async post(
    principal: Principal,
    clientId: string,
    sessionId: string,
    stored: StoredAttachment,
    name: string,
    options: { deleteIfRefused: boolean },
  ): Promise<AttachmentUploadResult> {
    const attachment: AttachmentRef = { id: stored.id, name, mediaType: stored.mediaType, size: stored.size };
    try {
      const outcome = await this.chat.send(principal, clientId, { type: 'PostAttachment', sessionId, attachment });
      const posted = outcome.events.find((e) => e.type === 'AttachmentPosted');
      return { ...ackOf(outcome, principal.role), attachment: posted?.type === 'AttachmentPosted' ? posted.attachment : attachment };
    } catch (error) {
      // The chat refused it (closed meanwhile, no longer the owner...): the file has no message, so it goes.
      if (options.deleteIfRefused) await this.store.delete(stored.id).catch((e: unknown) => this.logger.warn(`attachment ${stored.id} not removed: ${String(e)}`));
      throw error;
    }
  }

  /** A signed link to one of the chat's files, for a participant of the chat or an administrator. */
  async link(principal: Principal, sessionId: string, attachmentId: string): Promise<AttachmentLink> {
    const state = SESSION_ID_PATTERN.test(sessionId) ? (await this.sessions.load(sessionId))?.state : undefined;
    if (!state) throw new AttachmentError('ATTACHMENT_NOT_FOUND', 'There is no such file.');
    if (!mayFetchAttachments(principal, state)) {
      throw new AttachmentError('NOT_A_PARTICIPANT', 'Only the people in this chat and administrators can open its files.');
    }
    const file = await this.store.find(attachmentId);
    if (!file || file.sessionId !== sessionId) throw new AttachmentError('ATTACHMENT_NOT_FOUND', 'There is no such file in this chat.');
    return this.links.sign(file.id, sessionId);
  }

  /** The file a link names, with its bytes, if the link is valid and unexpired. */
  async open(attachmentId: string, query: Record<string, unknown>): Promise<{ file: StoredAttachment; content: Readable; secondsLeft: number }> {
    const check = this.links.verify(attachmentId, query);
    if (!check.ok) {
      throw check.reason === 'expired'
        ? new AttachmentError('LINK_EXPIRED', 'This link has expired; open the file from the chat again.')
        : new AttachmentError('LINK_INVALID', 'This link is not valid.');
    }
    const file = await this.found(check.parts);
    return { file, content: this.store.open(file), secondsLeft: this.links.secondsLeft(check.parts) };
  }

  private async found(parts: LinkParts): Promise<StoredAttachment> {
    const file = await this.store.find(parts.attachmentId);
    if (!file || file.sessionId !== parts.sessionId) throw new AttachmentError('ATTACHMENT_NOT_FOUND', 'There is no such file.');
    return file;
  }
}

function claimedTypeOf(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type && type !== 'application/octet-stream' ? type : undefined;
}
