import type { Connection } from 'mongoose';
import mongoose from 'mongoose';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AttachmentMeta, AttachmentStore, StoredAttachment } from './attachment-store';

/** The GridFS bucket: collections `attachments.files` and `attachments.chunks`. */
export const ATTACHMENT_BUCKET = 'attachments';
/** GridFS's default chunk size (255 KiB): one chunk document per 255 KiB of file. */
const CHUNK_BYTES = 255 * 1024;
/** Chunks fetched per database round trip on download: at most about 1 MiB in memory per download. */
const CHUNKS_PER_BATCH = 4;

const { GridFSBucket, ObjectId } = mongoose.mongo;
type ObjectIdType = InstanceType<typeof ObjectId>;

interface FilesDoc {
  _id: ObjectIdType;
  length: number;
  chunkSize: number;
  uploadDate: Date;
  filename: string;
  metadata?: { mediaType?: string; sessionId?: string; uploadedBy?: { role: string; id: string } };
}

/**
 * Attachments in MongoDB GridFS, through the gateway's own mongoose
 * connection. Writes and deletes go through the driver's GridFSBucket
 * (chunks of 255 KiB, written one after another with backpressure); reads
 * go through a cursor over the chunks of a small batch size, because the
 * bucket's download cursor takes the server's default batch (up to 16 MiB
 * in memory per download). The layout is standard GridFS, so `mongofiles`
 * and any driver read the same files.
 */
export class GridFsAttachmentStore implements AttachmentStore {
  private readonly bucket: InstanceType<typeof GridFSBucket>;

  constructor(private readonly db: Connection) {
    this.bucket = new GridFSBucket(db.db!, { bucketName: ATTACHMENT_BUCKET, chunkSizeBytes: CHUNK_BYTES });
  }

  async save(meta: AttachmentMeta, content: Readable): Promise<StoredAttachment> {
    const id = new ObjectId();
    const upload = this.bucket.openUploadStreamWithId(id, meta.name, {
      metadata: { mediaType: meta.mediaType, sessionId: meta.sessionId, uploadedBy: meta.uploadedBy },
    });
    try {
      await pipeline(content, upload);
    } catch (error) {
      await this.delete(id.toHexString());
      throw error;
    }
    const stored = await this.find(id.toHexString());
    if (!stored) throw new Error(`attachment ${id.toHexString()} was written but cannot be read back`);
    return stored;
  }

  async find(id: string): Promise<StoredAttachment | undefined> {
    const objectId = toObjectId(id);
    if (!objectId) return undefined;
    const doc = await this.files().findOne({ _id: objectId });
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
            this.push(Buffer.from(data.buffer.buffer, data.buffer.byteOffset, data.position ?? data.buffer.byteLength));
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

  private files() {
    return this.db.db!.collection<FilesDoc>(`${ATTACHMENT_BUCKET}.files`);
  }

  private chunks() {
    return this.db.db!.collection(`${ATTACHMENT_BUCKET}.chunks`);
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
    uploadedAt: doc.uploadDate.toISOString(),
  };
}
