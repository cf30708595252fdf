import { agentActor, cmd, endUser } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';

const file = { id: '665f1c2e9b1e8a0012345678', name: 'vpn-error.png', mediaType: 'image/png', size: 48_213 };
const attach = (actor: ReturnType<typeof endUser>, attachment = file) => cmd({ type: 'PostAttachment', actor, attachment });

describe('files in a chat (PostAttachment)', () => {
  it('the end user and the owning agent send files; each is one AttachmentPosted event in the history, in order with the messages', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(cmd({ type: 'PostMessage', actor: endUser(), text: 'see the screenshot' }));
    const [fromUser] = s.ok(attach(endUser()));
    const [fromAgent] = s.ok(attach(agentActor('a1'), { ...file, id: '665f1c2e9b1e8a0012345679', name: 'fix.pdf', mediaType: 'application/pdf' }));
    expect(fromUser).toMatchObject({ type: 'AttachmentPosted', from: 'endUser', authorId: 'u-1', attachment: file });
    expect(fromAgent).toMatchObject({ type: 'AttachmentPosted', from: 'agent', authorId: 'a1', attachment: { name: 'fix.pdf' } });
    expect(s.log.map((e) => e.type).slice(-3)).toEqual(['MessagePosted', 'AttachmentPosted', 'AttachmentPosted']);
    expect(s.s.lastVisibleSeq).toBe(fromAgent!.seq);
  });

  it('an agent who does not own the chat cannot send a file to it', () => {
    const s = Scenario.assignedTo('a1');
    s.refused(attach(agentActor('a2')), 'NOT_OWNER');
  });

  it('another end user cannot send a file to the chat', () => {
    const s = Scenario.assignedTo('a1');
    s.refused(attach(endUser('someone-else')), 'FORBIDDEN');
  });

  it("a card number in a file's name is masked like one in a message", () => {
    const s = Scenario.assignedTo('a1');
    const [event] = s.ok(attach(endUser(), { ...file, name: 'receipt 4111 1111 1111 1111.png' }));
    expect(event).toMatchObject({ attachment: { name: 'receipt **** **** **** 1111.png' }, masked: ['card'] });
  });

  it('a closed chat takes no files', () => {
    const s = Scenario.assignedTo('a1');
    s.ok(cmd({ type: 'EndChat', actor: agentActor('a1') }));
    s.refused(attach(endUser()), 'SESSION_CLOSED');
  });
});
