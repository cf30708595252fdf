import { agentActor, admin, C, context, endUser, settings } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';

describe('satisfaction rating (issue 17)', () => {
  it('satisfaction: the end user rates a chat once it ended, with a score and a comment; the rating is stored with the chat', () => {
    const s = Scenario.assignedTo('a1', context());
    s.ok(C.end('a1'));
    expect(s.ok(C.rate(4, '  quick and friendly  '))).toEqual([expect.objectContaining({ type: 'ChatRated', score: 4, comment: 'quick and friendly', endUserId: endUser().id })]);
    expect(s.s.rating).toEqual({ score: 4, comment: 'quick and friendly', at: expect.any(String) });
  });

  it('satisfaction: the comment is optional, and an empty one is no comment', () => {
    const s = Scenario.assignedTo('a1', context());
    s.ok(C.abandon('a1'));
    const [event] = s.ok(C.rate(2, '   '));
    expect(event).not.toHaveProperty('comment');
    expect(s.s.rating).toEqual({ score: 2, at: expect.any(String) });
  });

  it('satisfaction: a chat is rated once; a second rating is refused with ALREADY_RATED and changes nothing', () => {
    const s = Scenario.assignedTo('a1', context());
    s.ok(C.end('a1'));
    s.ok(C.rate(5));
    s.refused(C.rate(1, 'changed my mind'), 'ALREADY_RATED');
    expect(s.s.rating?.score).toBe(5);
  });

  it('satisfaction: an open chat cannot be rated (RATING_NOT_OPEN), a cancelled one can', () => {
    const s = Scenario.assignedTo('a1', context());
    s.refused(C.rate(3), 'RATING_NOT_OPEN');
    const cancelled = Scenario.started(context());
    cancelled.ok(C.cancel());
    cancelled.ok(C.rate(3));
  });

  it('satisfaction: only the chat\'s own end user rates it: another end user, the agent and an administrator are FORBIDDEN', () => {
    const s = Scenario.assignedTo('a1', context());
    s.ok(C.end('a1'));
    s.refused(C.rate(5, undefined, endUser('someone-else')), 'FORBIDDEN');
    s.refused(C.rate(5, undefined, agentActor('a1')), 'FORBIDDEN');
    s.refused(C.rate(5, undefined, admin()), 'FORBIDDEN');
    expect(s.s.rating).toBeUndefined();
  });

  it('satisfaction: card numbers in the comment are masked like in messages', () => {
    const s = Scenario.assignedTo('a1', context({ settings: settings() }));
    s.ok(C.end('a1'));
    const [event] = s.ok(C.rate(1, 'charged twice on 4111 1111 1111 1111'));
    expect(event).toMatchObject({ masked: ['card'] });
    expect(JSON.stringify(event)).not.toContain('4111 1111 1111 1111');
  });
});
