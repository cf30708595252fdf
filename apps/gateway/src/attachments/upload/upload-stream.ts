import { Readable, Transform, type TransformCallback } from 'node:stream';

/**
 * The first `bytes` bytes of a stream (fewer when it is shorter), and the
 * whole stream again from its first byte: the head is read without losing
 * it, so its type can be decided before anything is stored. At most `bytes`
 * plus one network read are held.
 */
export async function readHead(stream: Readable, bytes: number): Promise<{ head: Buffer; content: Readable }> {
  const chunks: Buffer[] = [];
  let total = 0;
  const ended = await new Promise<boolean>((resolve, reject) => {
    const cleanup = () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while (total < bytes && (chunk = stream.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        total += chunk.length;
      }
      if (total >= bytes) {
        cleanup();
        resolve(false);
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(true);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('the upload was cut off'));
    };
    stream.on('readable', onReadable);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.once('close', onClose);
  });
  const all = Buffer.concat(chunks);
  // Reading the last bytes can end the stream before this line runs ('end' is emitted on the next tick): a stream
  // that ended can take nothing back, so what was read is the whole content.
  if (ended || stream.readableEnded) return { head: all.subarray(0, bytes), content: Readable.from(all.length > 0 ? [all] : []) };
  stream.unshift(all);
  return { head: all.subarray(0, bytes), content: stream };
}

/**
 * Passes bytes through while they stay within `maxBytes` and counts them;
 * one byte more destroys the pipeline with the error `tooLarge()` makes (so
 * the store drops what it wrote). Never holds more than one chunk.
 */
export class SizeLimit extends Transform {
  bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly tooLarge: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(this.tooLarge());
      return;
    }
    done(null, chunk);
  }
}

/**
 * `Content-Disposition` of a download: `inline` for the image types the
 * consoles preview, `attachment` for everything else; the name as an ASCII
 * fallback and as RFC 8187 UTF-8.
 */
export function contentDisposition(name: string, inline: boolean): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A file name from the client: control characters and path separators out, trimmed, at most `max` characters. */
export function cleanFileName(raw: unknown, max: number): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const name = raw.replace(/[\u0000-\u001f\u007f/\\]/g, ' ').replace(/\s+/g, ' ').trim();
  if (name === '') return undefined;
  return [...name].slice(0, max).join('').trim();
}
