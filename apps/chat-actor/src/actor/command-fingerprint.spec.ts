import type { SessionCommand } from '@switchboard/domain';
import { commandFingerprint } from './command-fingerprint';

const post = (commandId: string, text: string) =>
  ({ type: 'PostMessage', commandId, sessionId: 's1', actor: { role: 'endUser', id: 'erin' }, text }) as SessionCommand;

describe('command fingerprint', () => {
  it('A3 a retry has the fingerprint of the first send whatever the key order, another body another one', () => {
    const first = post('c1', 'VPN down');
    const reordered = { text: 'VPN down', actor: { id: 'erin', role: 'endUser' }, sessionId: 's1', commandId: 'c2', type: 'PostMessage' } as SessionCommand;
    expect(commandFingerprint(reordered)).toBe(commandFingerprint(first));
    expect(commandFingerprint(post('c1', 'VPN up'))).not.toBe(commandFingerprint(first));
  });

  it('is taken of the text as masked: the digits of a card number or of an administrator pattern do not enter it', () => {
    // Two valid card numbers with the same last four digits (Luhn): masked, the texts are the same.
    const a = commandFingerprint(post('c1', 'my card 4111 1111 1111 1111'));
    const b = commandFingerprint(post('c1', 'my card 5500 0000 0008 1111'));
    expect(b).toBe(a);
    const patterns = ['PIN \\d{4}'];
    expect(commandFingerprint(post('c1', 'PIN 1234'), patterns)).toBe(commandFingerprint(post('c1', 'PIN 9876'), patterns));
    expect(commandFingerprint(post('c1', 'PIN 1234'))).not.toBe(commandFingerprint(post('c1', 'PIN 9876')));
  });
});
