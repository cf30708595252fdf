import { decodeJson, encodeJson } from './nats-json';

describe('NATS JSON codec', () => {
  it('round-trips a payload', () => {
    const payload = { a: 1, b: ['x', null], c: { d: true } };
    expect(decodeJson(encodeJson(payload))).toEqual(payload);
  });

  it('throws on bytes that are not JSON', () => {
    expect(() => decodeJson(new TextEncoder().encode('{nope'))).toThrow();
  });
});
