import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { cleanFileName, contentDisposition, readHead, SizeLimit } from './upload-stream';

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe('upload streams', () => {
  it('reads the head of a stream and gives the whole stream back from its first byte', async () => {
    const source = Readable.from([Buffer.from('abc'), Buffer.from('defgh'), Buffer.from('ijk')], { objectMode: false });
    const { head, content } = await readHead(source, 5);
    expect(head.toString()).toBe('abcde');
    expect((await collect(content)).toString()).toBe('abcdefghijk');
  });

  it('a stream that ends while its head is read (all of it already received) is given back whole', async () => {
    const source = new PassThrough();
    source.end(Buffer.alloc(5000, 1));
    const { head, content } = await readHead(source, 4100);
    expect(head.length).toBe(4100);
    expect((await collect(content)).length).toBe(5000);
  });

  it('a stream shorter than the head is all head', async () => {
    const { head, content } = await readHead(Readable.from([Buffer.from('hi')]), 4100);
    expect(head.toString()).toBe('hi');
    expect((await collect(content)).toString()).toBe('hi');
    const empty = await readHead(Readable.from([]), 4100);
    expect(empty.head.length).toBe(0);
    expect((await collect(empty.content)).length).toBe(0);
  });

  it('the size limit lets exactly the limit through and fails on one byte more', async () => {
    const ok = new SizeLimit(6, () => new Error('too large'));
    await pipeline(Readable.from([Buffer.from('abc'), Buffer.from('def')]), ok, async (s) => collect(Readable.from(s)));
    expect(ok.bytes).toBe(6);
    const over = new SizeLimit(6, () => new Error('too large'));
    await expect(pipeline(Readable.from([Buffer.from('abc'), Buffer.from('defg')]), over, async (s) => collect(Readable.from(s)))).rejects.toThrow('too large');
  });

  it('names in Content-Disposition: ASCII fallback and UTF-8, inline only when asked', () => {
    expect(contentDisposition('screen shot.png', true)).toBe(`inline; filename="screen shot.png"; filename*=UTF-8''screen%20shot.png`);
    expect(contentDisposition('rapport "été".pdf', false)).toBe(`attachment; filename="rapport __t__.pdf"; filename*=UTF-8''rapport%20%22%C3%A9t%C3%A9%22.pdf`);
  });

  it('file names from clients lose control characters and paths and are bounded', () => {
    expect(cleanFileName('  ../etc/passwd\n', 255)).toBe('.. etc passwd');
    expect(cleanFileName('x'.repeat(300), 255)).toHaveLength(255);
    expect(cleanFileName('   ', 255)).toBeUndefined();
    expect(cleanFileName(undefined, 255)).toBeUndefined();
  });
});
