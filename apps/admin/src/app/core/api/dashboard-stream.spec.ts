import { sseEvents } from './dashboard-stream';

describe('server-sent events parsing (live dashboard)', () => {
  it('returns complete events and keeps a partial one for the next chunk', () => {
    const first = sseEvents('event: snapshot\ndata: {"a":1}\n\nevent: snapshot\ndata: {"a"');
    expect(first.events).toEqual(['{"a":1}']);
    const second = sseEvents(first.rest + ':2}\n\n');
    expect(second).toEqual({ events: ['{"a":2}'], rest: '' });
  });

  it('joins multi-line data, accepts CRLF and skips comments without data', () => {
    expect(sseEvents(': keep-alive\r\n\r\ndata: line 1\r\ndata: line 2\r\n\r\n').events).toEqual(['line 1\nline 2']);
  });
});
