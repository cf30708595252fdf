import { context, settings, C, agentActor, endUser } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';
import { luhnValid, maskCardNumbers, maskPatternProblem, maskPatternsProblem, maskText, MASK_PATTERNS_MAX, PATTERN_MASK } from './masking';

describe('card numbers', () => {
  it('a Luhn-valid card number of 13 to 19 digits is masked but its last four digits, separators kept', () => {
    expect(maskCardNumbers('card 4111111111111111 thanks')).toBe('card ************1111 thanks');
    expect(maskCardNumbers('4111 1111 1111 1111')).toBe('**** **** **** 1111');
    expect(maskCardNumbers('4111-1111-1111-1111.')).toBe('****-****-****-1111.');
    expect(maskCardNumbers('amex 3782 822463 10005')).toBe('amex **** ****** *0005');
    expect(maskCardNumbers('4222222222222')).toBe('*********2222');
    expect(maskCardNumbers('6031000000000000009')).toBe('***************0009');
  });

  it('a number failing the Luhn check, too short or too long is left alone', () => {
    for (const text of ['4111111111111112', '4111 1111 1111 1112', '411111111116', '41111111111111111110', 'ticket INC0012345, phone +44 20 7946 0958']) {
      expect(maskCardNumbers(text)).toBe(text);
    }
  });

  it('a card number run on into another group of digits is still found, the other digits kept', () => {
    expect(maskCardNumbers('4111 1111 1111 1111 1234')).toBe('**** **** **** 1111 1234');
    expect(maskCardNumbers('2 cards: 4111111111111111 and 4222-2222-2222-2')).toBe('2 cards: ************1111 and ****-****-*222-2');
  });

  it('the Luhn check doubles every second digit from the right', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});

describe('admin mask patterns', () => {
  it('matches of every pattern become a fixed mask; what was masked is told in order card, pattern', () => {
    expect(maskText('password: hunter2 card 4111111111111111', ['password:\\s*\\S+'])).toEqual({
      text: `${PATTERN_MASK} card ************1111`,
      masked: ['card', 'pattern'],
    });
    expect(maskText('emp E-12345 and E-999', ['E-\\d+', 'nothing'])).toEqual({ text: `emp ${PATTERN_MASK} and ${PATTERN_MASK}`, masked: ['pattern'] });
  });

  it('a text with nothing to mask is unchanged and says so', () => {
    expect(maskText('hello $1 \\b', ['secret'])).toEqual({ text: 'hello $1 \\b', masked: [] });
  });

  it('the mask is literal and zero-width matches change nothing', () => {
    expect(maskText('a$b', ['\\$'])).toEqual({ text: `a${PATTERN_MASK}b`, masked: ['pattern'] });
    expect(maskText('two words', ['\\b'])).toEqual({ text: 'two words', masked: [] });
  });

  it('a pattern that backtracks catastrophically elsewhere runs in linear time on RE2', () => {
    const text = `${'a'.repeat(4000)}!`;
    expect(maskText(text, ['(a+)+$', '(a|aa)*b'])).toEqual({ text, masked: [] });
  });

  it('a stored pattern that does not compile is skipped rather than failing the message', () => {
    expect(maskText('secret 1', ['(secret', 'secret'])).toEqual({ text: `${PATTERN_MASK} 1`, masked: ['pattern'] });
  });

  it('validation refuses patterns that do not compile, use backtracking-only syntax, match empty text or are too long, and too many patterns', () => {
    expect(maskPatternProblem('E-\\d{5}')).toBeUndefined();
    expect(maskPatternProblem('(?i)password:\\s*\\S+')).toBeUndefined();
    for (const bad of ['(unclosed', 'a(?=b)', '(a)\\1', 'x*', '', 'a'.repeat(201)]) {
      expect({ bad, problem: typeof maskPatternProblem(bad) }).toEqual({ bad, problem: 'string' });
    }
    expect(maskPatternsProblem(Array.from({ length: MASK_PATTERNS_MAX }, (_, i) => `p${i}`))).toBeUndefined();
    expect(maskPatternsProblem(Array.from({ length: MASK_PATTERNS_MAX + 1 }, (_, i) => `p${i}`))).toMatch(/At most/);
    expect(maskPatternsProblem('secret')).toMatch(/list/);
    expect(maskPatternsProblem([1])).toMatch(/list/);
  });
});

describe('masking in decide', () => {
  const ctx = context({ settings: settings({ maskPatterns: ['pin \\d{4}'] }) });

  it('messages of both sides are stored masked with what was masked; the unmasked text is in no event', () => {
    const s = Scenario.assignedTo('a1', ctx);
    const [fromUser] = s.ok(C.say(endUser(), 'my card is 4111 1111 1111 1111, pin 1234'));
    expect(fromUser).toMatchObject({ type: 'MessagePosted', text: `my card is **** **** **** 1111, ${PATTERN_MASK}`, masked: ['card', 'pattern'] });
    const [fromAgent] = s.ok(C.say(agentActor('a1'), 'got 4111111111111111'));
    expect(fromAgent).toMatchObject({ type: 'MessagePosted', text: 'got ************1111', masked: ['card'] });
    expect(JSON.stringify(s.log)).not.toMatch(/4111 ?1111 ?1111 ?1111|pin 1234/);
  });

  it('a message with nothing to mask has no masked field', () => {
    const [posted] = Scenario.assignedTo('a1', ctx).ok(C.say(endUser(), 'order 4111111111111112'));
    expect(posted).toMatchObject({ text: 'order 4111111111111112' });
    expect(posted).not.toHaveProperty('masked');
  });

  it('side notes, transfer notes and the start description are masked too', () => {
    const s = new Scenario(ctx);
    const [started] = s.ok(C.start({ description: 'card 4111111111111111 declined' }));
    expect(started).toMatchObject({ type: 'SessionStarted', description: 'card ************1111 declined', masked: ['card'] });
    s.ok(C.accept('a1'));
    expect(s.ok(C.note('a1', 'user said pin 9876'))[0]).toMatchObject({ type: 'SideNoteAdded', text: `user said ${PATTERN_MASK}`, masked: ['pattern'] });
    const transfer = s.ok(C.transfer('a1', 'a2', 'card 4111111111111111'));
    expect(transfer[0]).toMatchObject({ type: 'SideNoteAdded', text: 'card ************1111', masked: ['card'] });
  });
});
