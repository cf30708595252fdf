import { TestBed } from '@angular/core/testing';
import { ATTACHMENT_LINKS } from '@switchboard/chat-ui';
import { AttachmentsApi, CommandError } from '@switchboard/client';
import { historyEvent, listItem, signedInAgent } from '../../testing/agent-test-bed';
import { ATTACHMENTS_API } from '../session/client-factory';
import { ChatPane } from './chat-pane';

const screenshot = { id: '665f1c2e9b1e8a0012345678', name: 'vpn-error.png', mediaType: 'image/png', size: 48_213 };
const log = { id: '665f1c2e9b1e8a0012345679', name: 'vpn.log', mediaType: 'text/plain', size: 512 };

describe('ChatPane files and screenshots', () => {
  it('a waiting chat\'s screenshot is not open to the agent until they accept it; then its preview loads', async () => {
    let participant = false;
    const links = async (s: string, a: string) => {
      if (!participant) throw new CommandError('NOT_A_PARTICIPANT', 'no');
      return `/api/attachments/${a}?session=${s}&sig=x`;
    };
    const agent = await signedInAgent([{ provide: ATTACHMENT_LINKS, useValue: links }]);
    agent.fake.replies['resume'] = (id: string) => ({
      session: listItem(id),
      events: [historyEvent(1, 'SessionStarted', { description: 'VPN drops', endUserName: 'Erin User', queue: 'Network' }), historyEvent(2, 'AttachmentPosted', { from: 'endUser', authorName: 'Erin User', authorId: 'erin', attachment: screenshot })],
      hasOlder: false,
      lastSeq: 2,
    });
    const fixture = TestBed.createComponent(ChatPane);
    agent.showLists({ queue: [listItem('s1')] });
    await agent.chats.select('s1');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="attachment-error"]')?.textContent).toBe('Only the people in this chat can open its files.');

    participant = true;
    agent.fake.replies['accept'] = () => {
      agent.showLists({ myChats: [listItem('s1', { status: 'ASSIGNED', ownerAgentId: 'alice', version: 3 })] });
      return {
        session: { ...listItem('s1', { status: 'ASSIGNED', ownerAgentId: 'alice', version: 3 }), description: 'VPN drops', createdAt: '2026-11-24T10:00:00.000Z', history: [], hasOlder: false },
        customer: { endUserId: 'erin', company: { id: 'acme' }, assets: [], openTickets: [] },
        resources: { outages: [], responseTemplates: [], knowledgeArticles: [] },
        duplicate: false,
      };
    };
    await agent.commands.accept('s1');
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="attachment-preview"] img')?.getAttribute('src')).toBe('/api/attachments/665f1c2e9b1e8a0012345678?session=s1&sig=x');
    expect(el.querySelector('[data-testid="attachment-error"]')).toBeNull();
  });


  async function ownChatWithFiles() {
    const uploads: Array<{ sessionId: string; name: string; type: string }> = [];
    let refuseNext: CommandError | undefined;
    const api = {
      upload: async (sessionId: string, file: Blob, name: string) => {
        if (refuseNext) throw refuseNext;
        uploads.push({ sessionId, name, type: file.type });
        return {
          sessionId,
          seq: 5,
          duplicate: false,
          attachment: { ...screenshot, id: '665f1c2e9b1e8a00123456aa', name },
          events: [historyEvent(5, 'AttachmentPosted', { from: 'agent', authorName: 'Alice Agent', authorId: 'alice', attachment: { ...screenshot, id: '665f1c2e9b1e8a00123456aa', name } })],
        };
      },
      link: async (sessionId: string, attachmentId: string) => `/api/attachments/${attachmentId}?session=${sessionId}&expires=1&sig=x`,
    } as unknown as AttachmentsApi;
    const agent = await signedInAgent([
      { provide: ATTACHMENTS_API, useValue: api },
      { provide: ATTACHMENT_LINKS, useValue: (s: string, a: string) => api.link(s, a) },
    ]);
    agent.fake.replies['resume'] = (id: string) => ({
      session: listItem(id, { status: 'ASSIGNED' }),
      events: [
        historyEvent(1, 'SessionStarted', { description: 'VPN drops', endUserName: 'Erin User', queue: 'Network' }),
        historyEvent(2, 'AttachmentPosted', { from: 'endUser', authorName: 'Erin User', authorId: 'erin', attachment: screenshot }),
        historyEvent(3, 'AttachmentPosted', { from: 'endUser', authorName: 'Erin User', authorId: 'erin', attachment: log }),
      ],
      hasOlder: false,
      lastSeq: 3,
    });
    const fixture = TestBed.createComponent(ChatPane);
    agent.showLists({ myChats: [listItem('s1', { status: 'ASSIGNED' })] });
    await agent.chats.select('s1');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    return { ...agent, fixture, el, uploads, refuse: (e: CommandError) => (refuseNext = e) };
  }

  it("shows the end user's screenshot as a preview through a signed link, and another file as a download with its size", async () => {
    const { el } = await ownChatWithFiles();
    const previews = [...el.querySelectorAll<HTMLImageElement>('[data-testid="attachment-preview"] img')];
    expect(previews.map((img) => [img.getAttribute('src'), img.alt])).toEqual([
      ['/api/attachments/665f1c2e9b1e8a0012345678?session=s1&expires=1&sig=x', 'vpn-error.png'],
    ]);
    const files = [...el.querySelectorAll('[data-testid="attachment"]')].map((f) => f.textContent?.replace(/\s+/g, ' ').trim());
    expect(files).toEqual(['imagevpn-error.png47.1 KiB', 'attach_filevpn.log512 bytes']);
    expect(el.querySelector('[data-testid="attachment-link"][download="vpn.log"]')).not.toBeNull();
  });

  it('a screenshot pasted into the reply is sent as a file and appears in the chat', async () => {
    const { el, fixture, uploads } = await ownChatWithFiles();
    const composer = el.querySelector<HTMLTextAreaElement>('[data-testid="composer"]')!;
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(paste, 'clipboardData', { value: { files: [new File(['png'], '', { type: 'image/png' })], items: [] } });
    composer.dispatchEvent(paste);
    expect(paste.defaultPrevented).toBe(true);
    await fixture.whenStable();
    expect(uploads).toEqual([{ sessionId: 's1', name: expect.stringMatching(/^screenshot-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.png$/), type: 'image/png' }]);
    expect(el.querySelectorAll('[data-testid="attachment-preview"]').length).toBe(2);
  });

  it("a refused file says why on the chat, in the server's words for size and type", async () => {
    const { el, fixture, refuse } = await ownChatWithFiles();
    refuse(new CommandError('ATTACHMENT_TOO_LARGE', 'The file is larger than the 10 MiB your administrator allows.', { sentence: 'The file is larger than the 10 MiB your administrator allows.' }));
    const input = el.querySelector<HTMLInputElement>('[data-testid="file-input"]')!;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'huge.iso')], configurable: true });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="chat-error"]')?.textContent).toContain('The file is larger than the 10 MiB your administrator allows.');
  });
});
