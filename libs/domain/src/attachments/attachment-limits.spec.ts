import {
  ATTACHMENT_MAX_BYTES_CEILING,
  ATTACHMENT_TYPES_MAX,
  ATTACHMENT_DEFAULT_MAX_BYTES,
  ATTACHMENT_ERROR_CODES,
} from '@switchboard/contracts';
import { DEFAULT_SETTINGS, validateSettings } from '../settings/settings';
import {
  ATTACHMENT_LIMITS,
  attachmentSizeProblem,
  attachmentTypeProblem,
  DEFAULT_ATTACHMENT_MAX_BYTES,
  detectedMediaType,
  looksLikeText,
  mediaTypeOfName,
} from './attachment-limits';

describe('attachment limits', () => {
  const settings = { ...DEFAULT_SETTINGS, attachmentMaxBytes: 1000, attachmentTypes: ['image/png', 'text/plain'] };

  it('the bounds are the contracts\' bounds, and the domain\'s codes are the attachment endpoints\' codes', () => {
    expect(ATTACHMENT_LIMITS.maxBytesCeiling).toBe(ATTACHMENT_MAX_BYTES_CEILING);
    expect(ATTACHMENT_LIMITS.maxTypes).toBe(ATTACHMENT_TYPES_MAX);
    expect(DEFAULT_ATTACHMENT_MAX_BYTES).toBe(ATTACHMENT_DEFAULT_MAX_BYTES);
    expect(ATTACHMENT_ERROR_CODES).toEqual(expect.arrayContaining(['ATTACHMENT_TOO_LARGE', 'ATTACHMENT_TYPE_NOT_ALLOWED']));
  });

  it('a size up to the limit fits; one byte more is ATTACHMENT_TOO_LARGE naming the limit', () => {
    expect(attachmentSizeProblem(settings, 1)).toBeUndefined();
    expect(attachmentSizeProblem(settings, 1000)).toBeUndefined();
    expect(attachmentSizeProblem(settings, 1001)).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', details: { maxBytes: 1000 } });
  });

  it('a limit of 0 turns attachments off', () => {
    expect(attachmentSizeProblem({ attachmentMaxBytes: 0 }, 1)).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', message: expect.stringMatching(/switched off/) });
  });

  it('the type found in the content decides; a disguised file is refused as what it holds', () => {
    expect(attachmentTypeProblem(settings, 'image/png')).toBeUndefined();
    expect(attachmentTypeProblem(settings, 'application/x-msdownload', 'image/png')).toMatchObject({
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
      message: expect.stringMatching(/says it is image\/png but its content is application\/x-msdownload/),
      details: { detected: 'application/x-msdownload', claimed: 'image/png' },
    });
    expect(attachmentTypeProblem(settings, 'application/pdf')).toMatchObject({ code: 'ATTACHMENT_TYPE_NOT_ALLOWED' });
  });

  it('the type of a file: the sniffer\'s answer, else UTF-8 text, else unknown binary', () => {
    expect(detectedMediaType('image/PNG', new Uint8Array())).toBe('image/png');
    expect(detectedMediaType(undefined, new TextEncoder().encode('2026-11-30 ERROR vpn: tunnel down\r\n\tretry'))).toBe('text/plain');
    expect(detectedMediaType(undefined, new Uint8Array([0x4d, 0x5a, 0x90, 0x00]))).toBe('application/octet-stream');
    // A beginning cut inside a multi-byte character is still text.
    expect(looksLikeText(new TextEncoder().encode('café').slice(0, 4))).toBe(true);
    expect(looksLikeText(new Uint8Array([0xff, 0xfe, 0x41]))).toBe(false);
    expect(looksLikeText(new Uint8Array())).toBe(false);
  });

  it('the name suggests a type for messages only', () => {
    expect(mediaTypeOfName('Screenshot 2026.PNG')).toBe('image/png');
    expect(mediaTypeOfName('setup.exe')).toBeUndefined();
  });

  it('settings: the limit is 0 to 100 MiB, the types a list of at most 50 media types', () => {
    expect(validateSettings({ attachmentMaxBytes: ATTACHMENT_MAX_BYTES_CEILING })).toMatchObject({ ok: true });
    expect(validateSettings({ attachmentMaxBytes: ATTACHMENT_MAX_BYTES_CEILING + 1 })).toMatchObject({ ok: false, error: { details: { field: 'attachmentMaxBytes' } } });
    expect(validateSettings({ attachmentMaxBytes: -1 })).toMatchObject({ ok: false });
    expect(validateSettings({ attachmentMaxBytes: 1.5 })).toMatchObject({ ok: false });
    expect(validateSettings({ attachmentTypes: ['Image/PNG'] })).toMatchObject({ ok: false, error: { details: { field: 'attachmentTypes' } } });
    expect(validateSettings({ attachmentTypes: Array.from({ length: 51 }, (_, i) => `image/x${i}`) })).toMatchObject({ ok: false });
    const ok = validateSettings({ attachmentTypes: ['image/png', 'image/png', 'application/zip'] });
    expect(ok).toMatchObject({ ok: true, settings: { attachmentTypes: ['image/png', 'application/zip'] } });
  });
});
