import { z } from 'zod';
import { attachmentRefSchema } from '../attachments/attachments.schema';
import { commandAckSchema } from './frames';

/**
 * The answer to `POST /api/sessions/:sessionId/attachments`: the file as
 * stored and the chat command that put it in the chat (its `AttachmentPosted`
 * event, as `session.post` answers with its `MessagePosted`).
 */
export const attachmentUploadResultSchema = commandAckSchema.extend({ attachment: attachmentRefSchema });
export type AttachmentUploadResult = z.infer<typeof attachmentUploadResultSchema>;
