import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { EndChatDialog } from './end-chat-dialog';

function render(data: { ticket?: { ticketId: string; summary: string } }) {
  const close = jest.fn();
  TestBed.configureTestingModule({
    imports: [EndChatDialog],
    providers: [
      { provide: MAT_DIALOG_DATA, useValue: data },
      { provide: MatDialogRef, useValue: { close, _closeInteractionType: undefined } },
    ],
  });
  const fixture = TestBed.createComponent(EndChatDialog);
  fixture.detectChanges();
  const buttons = [...(fixture.nativeElement as HTMLElement).querySelectorAll('button')];
  return { close, buttons, text: (fixture.nativeElement as HTMLElement).textContent ?? '' };
}

describe('EndChatDialog (R9)', () => {
  it('R9.1 with a ticket: Cancel changes nothing, No ends without resolving, Yes resolves and ends', () => {
    const { close, buttons, text } = render({ ticket: { ticketId: 'T-1', summary: 'VPN' } });
    expect(text).toContain('T-1');
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['Cancel', 'No, end without resolving', 'Yes, resolve and end']);
    buttons.forEach((b) => b.click());
    expect(close.mock.calls.map(([v]) => v)).toEqual([undefined, { resolveTicket: false }, { resolveTicket: true }]);
  });

  it('R9.2 without a ticket: No changes nothing, Yes ends', () => {
    const { close, buttons } = render({});
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['No', 'Yes, end chat']);
    buttons.forEach((b) => b.click());
    expect(close.mock.calls.map(([v]) => v)).toEqual([undefined, {}]);
  });
});
