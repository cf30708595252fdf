import { TestBed } from '@angular/core/testing';
import { MessageText } from './message-text';

function render(text: string): HTMLElement {
  const fixture = TestBed.createComponent(MessageText);
  fixture.componentRef.setInput('text', text);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('sb-message-text', () => {
  it('a link opens in a new tab without access to the chat page', () => {
    const link = render('KB: https://kb.example.test/vpn').querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://kb.example.test/vpn');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.textContent).toBe('https://kb.example.test/vpn');
  });

  it('hostile input is shown as typed: no script, image or javascript: link is created', () => {
    const typed = '<script>alert(1)</script><img src=x onerror=alert(1)> javascript:alert(1) &lt;b&gt; <a href="javascript:alert(1)">x</a>';
    const el = render(typed);
    expect(el.querySelectorAll('script, img, a').length).toBe(0);
    expect(el.textContent).toBe(typed);
  });

  it('bold, code and lists render as elements, lines of a paragraph split by line breaks', () => {
    const el = render('Please:\nrun `ipconfig /flushdns`\n- **restart**\n- reconnect');
    expect(el.querySelector('strong')?.textContent).toBe('restart');
    expect(el.querySelector('code')?.textContent).toBe('ipconfig /flushdns');
    expect([...el.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['restart', 'reconnect']);
    expect(el.querySelector('p')?.innerHTML).toContain('<br>');
    expect(el.querySelector('p')?.textContent).toBe('Please:run ipconfig /flushdns');
  });
});
