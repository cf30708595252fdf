import { TestBed } from '@angular/core/testing';
import { CommandError, type TranscriptsApi } from '@switchboard/client';
import { InternalTranscript, SAVE_FILE, TRANSCRIPTS_API } from './internal-transcript';

function setUp(download: TranscriptsApi['download']) {
  const saved: string[] = [];
  TestBed.configureTestingModule({
    providers: [
      { provide: TRANSCRIPTS_API, useValue: { download } },
      { provide: SAVE_FILE, useValue: (_blob: Blob, name: string) => saved.push(name) },
    ],
  });
  const fixture = TestBed.createComponent(InternalTranscript);
  fixture.componentRef.setInput('sessionId', 's1');
  fixture.detectChanges();
  return { fixture, el: fixture.nativeElement as HTMLElement, saved };
}

describe('InternalTranscript', () => {
  it('downloads the internal transcript of the chat', async () => {
    const kinds: string[] = [];
    const { fixture, el, saved } = setUp(async (id, kind) => (kinds.push(`${id} ${kind}`), { blob: new Blob(['%PDF-']), fileName: `chat-${id}-internal.pdf` }));
    el.querySelector<HTMLButtonElement>('[data-testid="internal-transcript"]')!.click();
    await fixture.whenStable();
    expect(kinds).toEqual(['s1 internal']);
    expect(saved).toEqual(['chat-s1-internal.pdf']);
  });

  it('says why it could not', async () => {
    const { fixture, el } = setUp(async () => Promise.reject(new CommandError('FORBIDDEN', 'no')));
    el.querySelector<HTMLButtonElement>('[data-testid="internal-transcript"]')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('not allowed');
  });
});
