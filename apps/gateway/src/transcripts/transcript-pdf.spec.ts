import { consistently, eventually } from '@switchboard/testing';
import type { Readable } from 'node:stream';
import { pdfText } from '../testing/pdf-text';
import type { TranscriptHeading, TranscriptLine } from './transcript-format';
import { PDF_AHEAD_BYTES, transcriptPdf } from './transcript-pdf';

const heading: TranscriptHeading = {
  kind: 'endUser',
  sessionId: 's-pdf',
  endUserName: 'Erin',
  companyId: 'acme',
  startedAt: '2026-11-30T07:00:00.000Z',
  status: 'CLOSED',
  closedAt: '2026-11-30T08:00:00.000Z',
  generatedAt: '2026-11-30T08:01:00.000Z',
  lastSeq: 0,
};

const message = (n: number, text = `message number ${n}`): TranscriptLine => ({ style: 'message', meta: `07:00  Erin`, text });

/** Pages of lines, counting how many were taken. */
function pagesOf(count: number, perPage: number, line: (n: number) => TranscriptLine = message) {
  const counter = { taken: 0 };
  async function* pages() {
    for (let p = 0; p < count; p++) {
      counter.taken++;
      yield Array.from({ length: perPage }, (_, i) => line(p * perPage + i));
    }
  }
  return { counter, pages: pages() };
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const textOf = pdfText;

/** Words that do not compress away, so the PDF has the size of its text. */
const words = (n: number) => Array.from({ length: 600 }, (_, i) => ((n * 7919 + i * 104729) % 1_000_003).toString(36)).join(' ');
const AHEAD = 16 * 1024;

// Laying out and parsing PDFs takes seconds on a busy machine.
jest.setTimeout(30_000);

describe('transcript PDF', () => {
  it('holds the heading and every line of every page, in order', async () => {
    const { pages } = pagesOf(3, 100);
    const pdf = await bytesOf(transcriptPdf(heading, pages));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await textOf(pdf);
    expect(text).toContain('Chat transcript');
    expect(text).toContain('End user: Erin (acme)');
    const positions = Array.from({ length: 300 }, (_, n) => text.indexOf(`message number ${n}\n`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('says so when nothing was written', async () => {
    const { pages } = pagesOf(0, 0);
    expect(await textOf(await bytesOf(transcriptPdf(heading, pages)))).toContain('Nothing was written in this chat.');
  });

  it(`reads no further page while the reader holds more than its bound (${PDF_AHEAD_BYTES / 1024} KiB by default) unread, and goes on as it reads`, async () => {
    // A page of 10 lines of 600 words is several bound's worth of PDF: unread, the writer stops after the first pages.
    const { counter, pages } = pagesOf(12, 10, (n) => message(n, words(n)));
    const stream = transcriptPdf(heading, pages, { aheadBytes: AHEAD });
    await eventually(() => expect(counter.taken).toBeGreaterThan(0));
    await consistently(() => expect(counter.taken).toBeLessThan(4), { forMs: 300 });
    const pdf = await bytesOf(stream);
    expect(counter.taken).toBe(12);
    expect(pdf.length).toBeGreaterThan(8 * AHEAD);
  }, 30_000);

  it('stops reading pages when the reader goes away', async () => {
    const { counter, pages } = pagesOf(12, 10, (n) => message(n, words(n)));
    const stream = transcriptPdf(heading, pages, { aheadBytes: AHEAD });
    await eventually(() => expect(counter.taken).toBeGreaterThan(0));
    stream.destroy();
    const stoppedAt = counter.taken;
    await consistently(() => expect(counter.taken).toBeLessThanOrEqual(stoppedAt + 1), { forMs: 300 });
  }, 30_000);

  it('a page that cannot be read ends the stream with the error', async () => {
    async function* failing(): AsyncGenerator<TranscriptLine[]> {
      yield [message(1)];
      throw new Error('database gone');
    }
    await expect(bytesOf(transcriptPdf(heading, failing()))).rejects.toThrow('database gone');
  });
});
