import { hashPassword, verifyPassword } from './password-hash';

describe('password hashes', () => {
  it('verifies the right password, refuses a wrong one and salts every hash', async () => {
    const a = await hashPassword('agent123');
    const b = await hashPassword('agent123');
    expect(a).not.toBe(b);
    expect(a).not.toContain('agent123');
    expect(await verifyPassword('agent123', a)).toBe(true);
    expect(await verifyPassword('agent124', a)).toBe(false);
    expect(await verifyPassword('agent123', 'garbage')).toBe(false);
  });
});
