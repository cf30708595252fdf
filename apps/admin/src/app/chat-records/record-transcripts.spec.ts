import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SessionDetailView } from '@switchboard/contracts';
import { RecordTranscripts, SAVE_FILE } from './record-transcripts';

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
  history: [],
};

function setUp(session: SessionDetailView) {
  const saved: Array<{ name: string; size: number }> = [];
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), { provide: SAVE_FILE, useValue: (blob: Blob, name: string) => saved.push({ name, size: blob.size }) }],
  });
  const fixture = TestBed.createComponent(RecordTranscripts);
  fixture.componentRef.setInput('session', session);
  fixture.detectChanges();
  return { fixture, el: fixture.nativeElement as HTMLElement, http: TestBed.inject(HttpTestingController), saved };
}

describe('RecordTranscripts', () => {
  it("downloads the end user's and the internal transcript of the chat", async () => {
    const { fixture, el, http, saved } = setUp(record);
    expect(el.querySelector('[data-testid="transcript-ticket"]')).toBeNull();
    el.querySelector<HTMLButtonElement>('[data-testid="transcript-internal"]')!.click();
    http.expectOne('/api/transcripts/s-1/internal').flush(new Blob(['%PDF-1']));
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('[data-testid="transcript-end-user"]')!.click();
    http.expectOne('/api/transcripts/s-1').flush(new Blob(['%PDF-']));
    await fixture.whenStable();
    expect(saved).toEqual([
      { name: 'chat-s-1-internal.pdf', size: 6 },
      { name: 'chat-s-1.pdf', size: 5 },
    ]);
    http.verify();
  });

  it('R14 offers the transcript attached to the ticket, and says why a download failed', async () => {
    const { fixture, el, http } = setUp({ ...record, ticket: { ticketId: 'T-1', status: 'Resolved', summary: 'VPN', transcript: { path: '/api/tickets/T-1/transcript', attachedAt: '2026-03-01T10:05:00Z', lastSeq: 3 } } });
    el.querySelector<HTMLButtonElement>('[data-testid="transcript-ticket"]')!.click();
    http.expectOne('/api/tickets/T-1/transcript').flush(new Blob([JSON.stringify({ code: 'FORBIDDEN', message: 'no' })]), { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.querySelector('[role="alert"]')).not.toBeNull();
    http.verify();
  });
});
