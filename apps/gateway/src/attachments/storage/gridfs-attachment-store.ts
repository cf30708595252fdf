import type { Connection } from 'mongoose';
import mongoose from 'mongoose';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AttachmentMeta, AttachmentStore, StoredAttachment } from './attachment-store';
import { garbageRelief } from './garbage-relief';

/** The GridFS bucket: collections `attachments.files` and `attachments.chunks`. */
export const ATTACHMENT_BUCKET = 'attachments';
/** GridFS's default chunk size (255 KiB): one chunk document per 255 KiB of file. */
export const CHUNK_BYTES = 255 * 1024;
/** Chunks fetched per database round trip on download: at most about 1 MiB in memory per download. */
const CHUNKS_PER_BATCH = 4;

const { Binary, ObjectId } = mongoose.mongo;
type ObjectIdType = InstanceType<typeof ObjectId>;

interface FilesDoc {
  _id: ObjectIdType;
  length: number;
  chunkSize: number;
  uploadDate: Date;
  filename: string;
  metadata?: { mediaType?: string; sessionId?: string; uploadedBy?: { role: string; id: string }; commandId?: string };
}

/**
 * Attachments in MongoDB GridFS, through the gateway's own mongoose
 * connection, in the standard GridFS layout (so `mongofiles` and any
 * driver's GridFSBucket read the same files). It writes and reads the two
 * collections itself, with plain inserts, finds and deletes, rather than
 * through the driver's GridFSBucket: the bucket's upload stream, destroyed
 * mid-file, can still have a chunk insert in flight that lands after its
 * abort deleted the chunks (an orphan), and its download cursor takes the
 * server's default batch (up to 16 MiB in memory per download). Here a
 * failed upload waits for its last insert before it deletes, and a download
 * holds at most CHUNKS_PER_BATCH chunks.
 */
export class GridFsAttachmentStore implements AttachmentStore {
  private indexes?: Promise<void>;

  constructor(private readonly db: Connection) {}

  async save(meta: AttachmentMeta, content: Readable): Promise<StoredAttachment> {
    await this.ensureIndexes();
    const id = new ObjectId();
    const writer = new ChunkWriter(this.chunks(), id);
    try {
      await pipeline(content, writer);
      const doc: FilesDoc = {
        _id: id,
        length: writer.length,
        chunkSize: CHUNK_BYTES,
        uploadDate: new Date(),
        filename: meta.name,
        metadata: { mediaType: meta.mediaType, sessionId: meta.sessionId, uploadedBy: meta.uploadedBy, commandId: meta.commandId },
      };
      // The files document last: until it exists the file is not visible.
      await this.files().insertOne(doc);
      return toStored(doc);
    } catch (error) {
      await writer.settled();
      await this.delete(id.toHexString());
      throw error;
    }
  }

  async find(id: string): Promise<StoredAttachment | undefined> {
    const objectId = toObjectId(id);
    if (!objectId) return undefined;
    const doc = await this.files().findOne({ _id: objectId });
    return doc ? toStored(doc) : undefined;
  }

  async findByCommand(commandId: string): Promise<StoredAttachment | undefined> {
    await this.ensureIndexes();
    const doc = await this.files().findOne({ 'metadata.commandId': commandId });
    return doc ? toStored(doc) : undefined;
  }

  open(file: StoredAttachment): Readable {
    const filesId = toObjectId(file.id)!;
    const cursor = this.chunks()
      .find({ files_id: filesId }, { batchSize: CHUNKS_PER_BATCH, projection: { _id: 0, n: 1, data: 1 } })
      .sort({ n: 1 });
    const expectedChunks = Math.ceil(file.size / CHUNK_BYTES);
    let next = 0;
    return new Readable({
      highWaterMark: CHUNK_BYTES,
      read() {
        cursor.next().then(
          (doc) => {
            if (!doc) {
              if (next !== expectedChunks) this.destroy(new Error(`attachment ${file.id}: ${next} of ${expectedChunks} chunks found`));
              else this.push(null);
              return;
            }
            if (doc['n'] !== next) {
              this.destroy(new Error(`attachment ${file.id}: chunk ${String(doc['n'])} where ${next} was expected`));
              return;
            }
            next++;
            // A BSON Binary: `buffer` may be longer than the bytes it holds (`position`).
            const data = doc['data'] as { buffer: Uint8Array; position?: number };
            const bytes = data.position ?? data.buffer.byteLength;
            garbageRelief.streamed(bytes);
            this.push(Buffer.from(data.buffer.buffer, data.buffer.byteOffset, bytes));
          },
          (error: unknown) => this.destroy(error as Error),
        );
      },
      destroy(error, done) {
        cursor.close().then(() => done(error), () => done(error));
      },
    });
  }

  async delete(id: string): Promise<void> {
    const objectId = toObjectId(id);
    if (!objectId) return;
    // The files document first (as the driver's bucket does): it is what makes a file visible, so a delete
    // cut short leaves unreachable chunks, never a file without its bytes.
    await this.files().deleteOne({ _id: objectId });
    await this.chunks().deleteMany({ files_id: objectId });
  }

  async uploadedBefore(before: Date, after: { uploadedAt: string; id: string } | undefined, limit: number): Promise<StoredAttachment[]> {
    await this.ensureIndexes();
    const afterId = after ? toObjectId(after.id) : undefined;
    const from = after ? new Date(after.uploadedAt) : undefined;
    const filter =
      from && afterId
        ? { uploadDate: { $lt: before }, $or: [{ uploadDate: { $gt: from } }, { uploadDate: from, _id: { $gt: afterId } }] }
        : { uploadDate: { $lt: before } };
    const docs = await this.files().find(filter).sort({ uploadDate: 1, _id: 1 }).limit(limit).toArray();
    return docs.map(toStored);
  }

  /** GridFS's two indexes, once per process (the unique one keeps a chunk from being stored twice). */
  private ensureIndexes(): Promise<void> {
    this.indexes ??= Promise.all([
      this.files().createIndex({ filename: 1, uploadDate: 1 }),
      this.files().createIndex({ 'metadata.commandId': 1 }),
      // The retention sweep reads the oldest files first (issue 17).
      this.files().createIndex({ uploadDate: 1 }),
      this.chunks().createIndex({ files_id: 1, n: 1 }, { unique: true }),
    ]).then(
      () => undefined,
      (error: unknown) => {
        this.indexes = undefined;
        throw error;
      },
    );
    return this.indexes;
  }

  private files() {
    return this.db.db!.collection<FilesDoc>(`${ATTACHMENT_BUCKET}.files`);
  }

  private chunks() {
    return this.db.db!.collection(`${ATTACHMENT_BUCKET}.chunks`);
  }
}

/**
 * Cuts a stream into GridFS chunks of CHUNK_BYTES and inserts each one before
 * taking more (backpressure): at most one chunk of the file in memory.
 */
export class ChunkWriter extends Writable {
  length = 0;
  private n = 0;
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private filled = 0;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly chunks: { insertOne(doc: object): Promise<unknown> },
    private readonly filesId: ObjectIdType,
  ) {
    super({ highWaterMark: CHUNK_BYTES });
  }

  /** Resolves when no insert is in flight any more (so a delete after it leaves nothing behind). */
  settled(): Promise<void> {
    return this.inFlight.then(
      () => undefined,
      () => undefined,
    );
  }

  override _write(data: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.length += data.length;
    let offset = 0;
    const next = (): void => {
      while (offset < data.length) {
        const take = Math.min(CHUNK_BYTES - this.filled, data.length - offset);
        data.copy(this.buffer, this.filled, offset, offset + take);
        this.filled += take;
        offset += take;
        if (this.filled === CHUNK_BYTES) {
          this.flush().then(next, (error: Error) => done(error));
          return;
        }
      }
      done();
    };
    next();
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.filled === 0) return done();
    this.flush().then(() => done(), (error: Error) => done(error));
  }

  private flush(): Promise<unknown> {
    const bytes = this.buffer.subarray(0, this.filled);
    const doc = { _id: new ObjectId(), files_id: this.filesId, n: this.n++, data: new Binary(bytes) };
    // The buffer is filled again only once this insert is done (`_write` waits for it), so it is reused.
    this.filled = 0;
    garbageRelief.streamed(bytes.length);
    this.inFlight = this.chunks.insertOne(doc);
    return this.inFlight;
  }
}

function toObjectId(id: string): ObjectIdType | undefined {
  return /^[0-9a-f]{24}$/.test(id) ? new ObjectId(id) : undefined;
}

function toStored(doc: FilesDoc): StoredAttachment {
  return {
    id: doc._id.toHexString(),
    name: doc.filename,
    size: doc.length,
    mediaType: doc.metadata?.mediaType ?? 'application/octet-stream',
    sessionId: doc.metadata?.sessionId ?? '',
    uploadedBy: doc.metadata?.uploadedBy ?? { role: 'unknown', id: '' },
    commandId: doc.metadata?.commandId ?? '',
    uploadedAt: doc.uploadDate.toISOString(),
  };
}
