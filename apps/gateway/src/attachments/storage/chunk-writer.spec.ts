import mongoose from 'mongoose';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CHUNK_BYTES, ChunkWriter } from './gridfs-attachment-store';

type ChunkDoc = { files_id: unknown; n: number; data: { buffer: Uint8Array; position: number } };

/** A chunks collection that records copies of what it is given, each insert answered when the test says. */
function fakeChunks() {
  const docs: Array<{ n: number; bytes: Buffer }> = [];
  const pending: Array<() => void> = [];
  let auto = true;
  return {
    docs,
    hold: () => (auto = false),
    release: () => pending.splice(0).forEach((r) => r()),
    insertOne(doc: object) {
      const d = doc as ChunkDoc;
      docs.push({ n: d.n, bytes: Buffer.from(d.data.buffer.subarray(0, d.data.position)) });
      return auto ? Promise.resolve() : new Promise<void>((r) => pending.push(r));
    },
  };
}

describe('GridFS chunk writer', () => {
  const id = new mongoose.mongo.ObjectId();
  const bytes = (n: number, seed = 1) => Buffer.from(Array.from({ length: n }, (_, i) => (i * seed) & 0xff));

  it('cuts the stream into 255 KiB chunks numbered from 0, the last one shorter, whatever the sizes written', async () => {
    const chunks = fakeChunks();
    const writer = new ChunkWriter(chunks, id);
    const data = bytes(2 * CHUNK_BYTES + 1000, 7);
    await pipeline(Readable.from([data.subarray(0, 10), data.subarray(10, CHUNK_BYTES + 5), data.subarray(CHUNK_BYTES + 5)]), writer);
    expect(chunks.docs.map((d) => [d.n, d.bytes.length])).toEqual([[0, CHUNK_BYTES], [1, CHUNK_BYTES], [2, 1000]]);
    expect(Buffer.concat(chunks.docs.map((d) => d.bytes)).equals(data)).toBe(true);
    expect(writer.length).toBe(data.length);
  });

  it('an exact multiple of the chunk size ends without an empty chunk', async () => {
    const chunks = fakeChunks();
    await pipeline(Readable.from([bytes(CHUNK_BYTES)]), new ChunkWriter(chunks, id));
    expect(chunks.docs.map((d) => d.n)).toEqual([0]);
  });

  it('takes no more data while an insert is in flight, and says when the last one settled', async () => {
    const chunks = fakeChunks();
    chunks.hold();
    const writer = new ChunkWriter(chunks, id);
    let accepted = false;
    writer.write(bytes(CHUNK_BYTES), () => (accepted = true));
    await new Promise((r) => setImmediate(r));
    expect(accepted).toBe(false);
    let settled = false;
    void writer.settled().then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    chunks.release();
    await new Promise((r) => setImmediate(r));
    expect([accepted, settled]).toEqual([true, true]);
  });
});
