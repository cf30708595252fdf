import type { Readable } from 'node:stream';

/** What the store keeps beside a file's bytes. */
export interface AttachmentMeta {
  name: string;
  /** As found in the content (magic bytes), never as claimed. */
  mediaType: string;
  sessionId: string;
  uploadedBy: { role: string; id: string };
  /** The command that posts it into the chat (the uploader's clientId, namespaced): a retried upload finds its file by it. */
  commandId: string;
}

export interface StoredAttachment extends AttachmentMeta {
  id: string;
  size: number;
  uploadedAt: string;
}

/**
 * Where attachment bytes live (issue 17). The local default and the only
 * one so far is GridFS in the gateway's own MongoDB database
 * (GridFsAttachmentStore); an object store (S3 and the like) implements the
 * same four calls. Every call streams: no implementation may hold a whole
 * file in memory.
 */
export interface AttachmentStore {
  /**
   * Streams `content` into the store under a new id. Resolves once every byte
   * is stored; when `content` fails (too large, the client went away) nothing
   * of the file stays and the promise rejects with that error.
   */
  save(meta: AttachmentMeta, content: Readable): Promise<StoredAttachment>;
  /** The file's description, or undefined when there is no such file (or the id is not one of this store's). */
  find(id: string): Promise<StoredAttachment | undefined>;
  /** The file stored for this command, if one is (a retried upload posts it again instead of storing a copy). */
  findByCommand(commandId: string): Promise<StoredAttachment | undefined>;
  /** The file's bytes, in order, a bounded amount at a time. */
  open(file: StoredAttachment): Readable;
  /** Removes the file; no error when it is already gone. */
  delete(id: string): Promise<void>;
  /**
   * Files uploaded before `before`, oldest first, after `after` (the last
   * one of the previous page), at most `limit`: what the retention sweep
   * looks at, a bounded page at a time.
   */
  uploadedBefore(before: Date, after: { uploadedAt: string; id: string } | undefined, limit: number): Promise<StoredAttachment[]>;
}

export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');
