import { execFile } from 'node:child_process';

/**
 * The text of a PDF as pdf-parse (Mozilla's PDF.js) reads it. Run in a child
 * Node process: PDF.js loads its worker by a dynamic import, which jest's
 * module sandbox refuses.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  const script = `
    const { PDFParse } = require(require.resolve('pdf-parse', { paths: [process.cwd()] }));
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: Buffer.concat(chunks) });
      try { process.stdout.write((await parser.getText()).text); } finally { await parser.destroy(); }
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`pdf-parse failed: ${stderr || error.message}`)) : resolve(stdout),
    );
    child.stdin!.end(pdf);
  });
}
