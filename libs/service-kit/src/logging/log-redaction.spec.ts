import pino from 'pino';
import { Writable } from 'node:stream';
import { redactLogLine, redactUrl } from './log-redaction';
import { serviceLogOptions } from './logging.module';

/** A token as the gateway issues them (HS256 JWT). */
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoiYWRtaW4iLCJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi0xMjM0NTY';

/** Every line a logger built with the services' options writes. */
function serviceLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino(serviceLogOptions('test', 'test-1', 'debug'), sink), lines };
}

describe('log redaction (issue 13)', () => {
  it('issue 13: credentials under the listed keys are censored, up to three levels deep', () => {
    const { logger, lines } = serviceLogger();
    logger.info({ req: { headers: { authorization: 'Basic dXNlcjpwYXNz', cookie: 'sid=abc123456' } }, password: 'hunter2-pass', a: { b: { refreshToken: 'rt-opaque-1' } }, c: { d: { e: { secret: 'deep-secret-1' } } } }, 'request');
    const text = lines.join('');
    for (const secret of ['dXNlcjpwYXNz', 'sid=abc123456', 'hunter2-pass', 'rt-opaque-1', 'deep-secret-1']) expect(text).not.toContain(secret);
    expect(text).toContain('[Redacted]');
  });

  it('issue 13: a token the key paths cannot reach (error message, stack, cause, deep nesting, free text) is censored by its shape', () => {
    const { logger, lines } = serviceLogger();
    const cause = new Error(`upstream refused Authorization: Bearer ${JWT}`);
    logger.error({ err: new Error(`could not verify ${JWT}`, { cause }), a: { b: { c: { d: { e: JWT } } } }, subject: `x.${JWT}` }, `token ${JWT} refused`);
    const text = lines.join('');
    expect(text).not.toContain(JWT);
    expect(text).not.toContain(JWT.split('.')[2]);
    expect(text).toContain('could not verify [Redacted]');
  });

  it('redactLogLine leaves ordinary text alone and censors JWTs and scheme credentials', () => {
    expect(redactLogLine('{"msg":"session s-1 accepted by eyJane"}')).toBe('{"msg":"session s-1 accepted by eyJane"}');
    expect(redactLogLine(`a ${JWT} b`)).toBe('a [Redacted] b');
    expect(redactLogLine('authorization=Bearer abcdefgh12345678')).toBe('authorization=Bearer [Redacted]');
    expect(redactUrl(`/ws?token=${JWT}&x=1`)).toBe('/ws?token=[Redacted]&x=1');
  });
});
