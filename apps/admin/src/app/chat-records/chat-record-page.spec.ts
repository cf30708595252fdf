import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SessionDetailView } from '@switchboard/contracts';
import { ChatRecordPage } from './chat-record-page';

const record: SessionDetailView = {
  sessionId: 's-1',
  status: 'CLOSED',
  queue: 'General',
  endUserId: 'erin',
  companyId: 'acme',
  description: 'VPN drops',
  createdAt: '2026-03-01T10:00:00Z',
  updatedAt: '2026-03-01T10:05:00Z',
  cancelledByUser: false,
  userLeft: false,
  version: 3,
  participants: ['alice'],
  hasOlder: false,
  history: [
    { seq: 1, type: 'MessagePosted', at: '2026-03-01T10:01:00Z', by: { role: 'endUser', id: 'erin' }, text: 'See **this** at https://status.example.com/now\nand `ipconfig`' },
    { seq: 2, type: 'SideNoteAdded', at: '2026-03-01T10:02:00Z', by: { role: 'agent', id: 'alice' }, text: '- known outage\n- ticket opened' },
  ],
};

describe('ChatRecordPage history', () => {
  let fixture: ComponentFixture<ChatRecordPage>;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    fixture = TestBed.createComponent(ChatRecordPage);
    fixture.componentRef.setInput('sessionId', 's-1');
    fixture.detectChanges();
    TestBed.inject(HttpTestingController).expectOne('/api/admin/sessions/s-1').flush(record);
    await fixture.whenStable();
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const entry = (kind: string) => (fixture.nativeElement as HTMLElement).querySelector(`[data-kind="${kind}"] sb-message-text`)!;

  it('shows a message with its formatting: bold, links, code and line breaks', () => {
    const message = entry('message');
    expect(message.querySelector('strong')?.textContent).toBe('this');
    expect(message.querySelector('a')?.getAttribute('href')).toBe('https://status.example.com/now');
    expect(message.querySelector('code')?.textContent).toBe('ipconfig');
    expect(message.querySelectorAll('br')).toHaveLength(1);
  });

  it('shows a side note with its formatting', () => {
    expect([...entry('side-note').querySelectorAll('li')].map((item) => item.textContent)).toEqual(['known outage', 'ticket opened']);
  });
});
