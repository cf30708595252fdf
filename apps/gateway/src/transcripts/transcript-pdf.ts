import PDFDocument from 'pdfkit';
import { PassThrough, type Readable } from 'node:stream';
import { headingLines, type TranscriptHeading, type TranscriptLine } from './transcript-format';

/**
 * PDF bytes a transcript may hold unread before it stops taking the next page
 * of history: whoever reads it (a download, the mail server) sets the pace.
 */
export const PDF_AHEAD_BYTES = 256 * 1024;

const COLORS = { message: '#111111', note: '#7a4b00', system: '#555555', meta: '#666666', footnote: '#8a1c1c' };

/**
 * A transcript as a PDF stream, written while `pages` are read: a page of
 * lines is laid out, then the next is read only once the reader has taken the
 * bytes so far down below PDF_AHEAD_BYTES. So memory holds one page of
 * history and at most PDF_AHEAD_BYTES plus one page's PDF whatever the
 * chat's length (pdfkit writes each sheet out as the next begins).
 * Destroying the stream (a download cut off) stops the reading; a failure to
 * read a page destroys the stream with it.
 */
export function transcriptPdf(
  heading: TranscriptHeading,
  pages: AsyncIterable<readonly TranscriptLine[]>,
  options: { timeZone?: string; aheadBytes?: number } = {},
): Readable {
  const timeZone = options.timeZone ?? 'UTC';
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: heading.kind === 'internal' ? `Internal transcript of chat ${heading.sessionId}` : `Transcript of chat ${heading.sessionId}`, Author: 'Switchboard', Creator: 'Switchboard' },
  });
  const out = new PassThrough({ highWaterMark: options.aheadBytes ?? PDF_AHEAD_BYTES });
  const pace = new Pace(out);
  doc.on('data', (chunk: Buffer) => pace.wrote(out.write(chunk)));
  doc.on('end', () => out.end());
  doc.on('error', (error: Error) => out.destroy(error));
  out.on('close', () => doc.destroy());
  void write(doc, heading, pages, timeZone, pace).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/** Whether the reader has taken the bytes written so far (below PDF_AHEAD_BYTES unread), and a promise for when it has. */
class Pace {
  private waiting: Promise<void> | undefined;
  constructor(private readonly out: PassThrough) {}

  get gone(): boolean {
    return this.out.destroyed;
  }

  wrote(belowMark: boolean): void {
    if (belowMark || this.waiting) return;
    this.waiting = new Promise<void>((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('close', done);
        this.waiting = undefined;
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
    });
  }

  /** Resolves once the reader caught up (or went away). */
  async taken(): Promise<void> {
    // pdfkit hands out what it wrote on a later tick: let it reach the reader's buffer before looking.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.waiting) await this.waiting;
  }
}

async function write(doc: PDFKit.PDFDocument, heading: TranscriptHeading, pages: AsyncIterable<readonly TranscriptLine[]>, timeZone: string, pace: Pace): Promise<void> {
  const top = headingLines(heading, timeZone);
  doc.font('Helvetica-Bold').fontSize(18).fillColor(COLORS.message).text(top.title);
  if (top.subtitle) doc.font('Helvetica-Oblique').fontSize(10).fillColor(COLORS.note).text(top.subtitle);
  doc.moveDown(0.5).font('Helvetica').fontSize(9).fillColor(COLORS.meta);
  for (const fact of top.facts) doc.text(fact);
  doc.moveDown(1);
  let lines = 0;
  for await (const page of pages) {
    if (pace.gone) return;
    for (const line of page) {
      writeLine(doc, line);
      lines++;
    }
    await pace.taken();
    if (pace.gone) return;
  }
  if (lines === 0) doc.font('Helvetica-Oblique').fontSize(10).fillColor(COLORS.system).text('Nothing was written in this chat.');
  doc.end();
}

function writeLine(doc: PDFKit.PDFDocument, line: TranscriptLine): void {
  doc.font('Helvetica').fontSize(8).fillColor(COLORS.meta).text(line.meta);
  if (line.style === 'system') doc.font('Helvetica-Oblique').fontSize(10).fillColor(COLORS.system).text(line.text);
  else if (line.style === 'note') doc.font('Helvetica-Oblique').fontSize(10).fillColor(COLORS.note).text(line.text, { indent: 12 });
  else doc.font('Helvetica').fontSize(10).fillColor(COLORS.message).text(line.text);
  if (line.footnote) doc.font('Helvetica-Oblique').fontSize(8).fillColor(COLORS.footnote).text(line.footnote);
  doc.moveDown(0.5);
}
