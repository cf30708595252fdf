import { nameForUpload } from './file-drop';

describe('names of pasted and dropped files', () => {
  const at = new Date('2026-11-30T08:15:30Z');
  it('a dropped file keeps its name', () => {
    expect(nameForUpload(new File(['x'], 'vpn.log', { type: 'text/plain' }), at)).toBe('vpn.log');
  });
  it('a pasted screenshot (no name, or the browser\'s image.png) is named after the time', () => {
    expect(nameForUpload(new File(['x'], '', { type: 'image/png' }), at)).toBe('screenshot-2026-11-30-08-15-30.png');
    expect(nameForUpload(new File(['x'], 'image.png', { type: 'image/jpeg' }), at)).toBe('screenshot-2026-11-30-08-15-30.jpg');
  });
});

describe('file sizes', () => {
  it('reads as bytes, KiB or MiB', async () => {
    const { fileSize } = await import('./attachment-view');
    expect([fileSize(512), fileSize(48_213), fileSize(50 * 1024 * 1024)]).toEqual(['512 bytes', '47.1 KiB', '50 MiB']);
  });
});
