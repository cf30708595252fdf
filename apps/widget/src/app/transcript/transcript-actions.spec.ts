import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { TranscriptsApi } from '@switchboard/client';
import type { TranscriptEmailStatus } from '@switchboard/contracts';
import { TranscriptActions } from './transcript-actions';
import { SAVE_FILE, TRANSCRIPTS_API } from './transcripts-api';

@Component({ imports: [TranscriptActions], template: `<sb-transcript-actions [sessionId]="id()" [ended]="ended()" />` })
class Host {
  readonly id = signal('s1');
  readonly ended = signal(false);
}

function setUp(status: TranscriptEmailStatus) {
  const calls: string[] = [];
  const saved: Array<{ name: string; size: number }> = [];
  const api: Partial<TranscriptsApi> = {
    emailStatus: async (id) => (calls.push(`status ${id}`), status),
    requestEmail: async (id, send) => (calls.push(`email ${id} ${send}`), { ...status, requested: send }),
    download: async (id) => (calls.push(`download ${id}`), { blob: new Blob(['%PDF-']), fileName: `chat-${id}.pdf` }),
  };
  TestBed.configureTestingModule({
    providers: [
      { provide: TRANSCRIPTS_API, useValue: api },
      { provide: SAVE_FILE, useValue: (blob: Blob, name: string) => saved.push({ name, size: blob.size }) },
    ],
  });
  const fixture = TestBed.createComponent(Host);
  const el = fixture.nativeElement as HTMLElement;
  return { fixture, el, calls, saved };
}

describe('TranscriptActions', () => {
  it('downloads the PDF of the chat and hands it to the browser', async () => {
    const { fixture, el, calls, saved } = setUp({ available: false, reason: 'settingOff', requested: false });
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('[data-testid="transcript-download"]')!.click();
    await fixture.whenStable();
    expect(calls).toContain('download s1');
    expect(saved).toEqual([{ name: 'chat-s1.pdf', size: 5 }]);
    // The setting is off: no e-mail option.
    expect(el.querySelector('[data-testid="transcript-email"]')).toBeNull();
  });

  it('offers the e-mail to the address on record and asks for it when ticked', async () => {
    const { fixture, el, calls } = setUp({ available: true, address: 'erin@acme.example', requested: false });
    await fixture.whenStable();
    const box = el.querySelector('[data-testid="transcript-email"]')!;
    expect(box.textContent).toContain('E-mail me the transcript when the chat ends (erin@acme.example)');
    box.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await fixture.whenStable();
    expect(calls).toContain('email s1 true');
  });

  it('says why only the download is possible when the account has no address', async () => {
    const { fixture, el } = setUp({ available: false, reason: 'noAddress', requested: false });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="transcript-email-unavailable"]')?.textContent).toContain('no e-mail address');
  });

  it('shows that it was sent once the chat ended', async () => {
    const { fixture, el } = setUp({ available: true, address: 'erin@acme.example', requested: true, sentAt: '2026-11-30T08:00:00.000Z' });
    fixture.componentInstance.ended.set(true);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="transcript-email"]')?.textContent).toContain('Transcript e-mailed to erin@acme.example');
  });
});
