import { TestBed } from '@angular/core/testing';
import type { SessionDetail } from '@switchboard/contracts';
import { ATTACHMENT_LINKS } from '@switchboard/chat-ui';
import { FakeClient, FakeGateway, hello } from '@switchboard/chat-ui/testing';
import { CommandError, type AttachmentsApi } from '@switchboard/client';
import { ATTACHMENTS_API, CLIENT_FACTORY, CONSOLE_SESSION, WIDGET_SESSION } from '../session/client-factory';
import { WidgetStore } from '../session/widget-store';
import { ChatPanel } from './chat-panel';

const at = '2026-11-24T10:00:00.000Z';
const fix = { id: '665f1c2e9b1e8a0012345678', name: 'vpn-fix.pdf', mediaType: 'application/pdf', size: 2048 };
const chat: SessionDetail = {
  sessionId: 's1',
  version: 3,
  status: 'ASSIGNED',
  queue: 'Network',
  companyId: 'acme',
  endUserId: 'erin',
  ownerAgentId: 'alice',
  cancelledByUser: false,
  userLeft: false,
  description: 'VPN drops',
  createdAt: at,
  history: [
    { seq: 1, type: 'SessionStarted', at, sessionId: 's1', endUserId: 'erin', description: 'VPN drops', endUserName: 'Erin User' },
    { seq: 2, type: 'SessionAssigned', at, sessionId: 's1', agentName: 'Alice Agent', via: 'accept' },
    { seq: 3, type: 'AttachmentPosted', at, sessionId: 's1', from: 'agent', authorId: 'alice', authorName: 'Alice Agent', attachment: fix },
  ],
  hasOlder: false,
};

describe('ChatPanel files and screenshots', () => {
  async function render(upload: AttachmentsApi['upload']) {
    const gateway = new FakeGateway().signedIn({ id: 'erin', role: 'endUser', name: 'Erin User' });
    const fake = new FakeClient();
    fake.replies = { connect: () => hello('erin', 'endUser', 'Erin User'), topics: () => ({ useTopics: true, topics: [] }), currentSession: () => chat };
    TestBed.configureTestingModule({
      providers: [
        { provide: CLIENT_FACTORY, useValue: () => fake.asClient() },
        { provide: CONSOLE_SESSION, useFactory: () => gateway.session(WIDGET_SESSION) },
        { provide: ATTACHMENTS_API, useValue: { upload } },
        { provide: ATTACHMENT_LINKS, useValue: async (s: string, a: string) => `/api/attachments/${a}?session=${s}&sig=x` },
      ],
    });
    await TestBed.inject(WidgetStore).restore();
    const fixture = TestBed.createComponent(ChatPanel);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it("shows the agent's file as a download through a signed link", async () => {
    const { el } = await render(async () => Promise.reject(new Error('unused')));
    const link = el.querySelector<HTMLAnchorElement>('[data-testid="attachment-link"]')!;
    expect([link.textContent, link.getAttribute('href'), link.getAttribute('download')]).toEqual(['vpn-fix.pdf', '/api/attachments/665f1c2e9b1e8a0012345678?session=s1&sig=x', 'vpn-fix.pdf']);
  });

  it('a dropped screenshot is sent and shown as a preview; a disguised file is refused in words', async () => {
    const shot = { ...fix, id: '665f1c2e9b1e8a00123456aa', name: 'shot.png', mediaType: 'image/png' };
    let refuse = false;
    const sent: string[] = [];
    const { el, fixture } = await render(async (sessionId, _file, name) => {
      if (refuse) throw new CommandError('ATTACHMENT_TYPE_NOT_ALLOWED', 'x', { sentence: 'The file says it is image/png but its content is application/x-msdownload, which your administrator does not allow.' });
      sent.push(name);
      return { sessionId, seq: 4, duplicate: false, attachment: shot, events: [{ seq: 4, type: 'AttachmentPosted', at, sessionId: 's1', from: 'endUser', authorId: 'erin', attachment: shot }] };
    });
    const drop = (file: File) => {
      const event = new Event('drop', { bubbles: true, cancelable: true }) as DragEvent;
      Object.defineProperty(event, 'dataTransfer', { value: { files: [file], items: [], types: ['Files'] } });
      el.querySelector('.sb-chat')!.dispatchEvent(event);
      return event;
    };
    expect(drop(new File(['png'], 'shot.png', { type: 'image/png' })).defaultPrevented).toBe(true);
    await fixture.whenStable();
    expect(sent).toEqual(['shot.png']);
    expect(el.querySelector('[data-testid="attachment-preview"] img')?.getAttribute('src')).toBe('/api/attachments/665f1c2e9b1e8a00123456aa?session=s1&sig=x');

    refuse = true;
    drop(new File(['MZ'], 'photo.png', { type: 'image/png' }));
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('its content is application/x-msdownload');
  });
});
