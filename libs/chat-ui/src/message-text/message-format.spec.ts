import { formatMessage, formatLine, linkify, safeHref } from './message-format';

const text = (t: string) => ({ kind: 'text', text: t });

describe('message format', () => {
  it('plain text is one paragraph of text, its lines kept', () => {
    expect(formatMessage('Hello\nworld')).toEqual([{ kind: 'paragraph', lines: [[text('Hello')], [text('world')]] }]);
  });

  it('http, https and mailto addresses become links; sentence punctuation stays outside', () => {
    expect(linkify('see https://kb.example.test/a?b=1#c. or mailto:help@example.test, or http://x.test')).toEqual([
      text('see '),
      { kind: 'link', text: 'https://kb.example.test/a?b=1#c', href: 'https://kb.example.test/a?b=1#c' },
      text('. or '),
      { kind: 'link', text: 'mailto:help@example.test', href: 'mailto:help@example.test' },
      text(', or '),
      { kind: 'link', text: 'http://x.test', href: 'http://x.test/' },
    ]);
  });

  it('javascript:, data: and other schemes never become links, however they are written', () => {
    for (const hostile of ['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'java\tscript:alert(1)', 'file:///etc/passwd']) {
      expect(formatLine(hostile).every((p) => p.kind !== 'link')).toBe(true);
    }
    expect(safeHref('javascript://example.test/%0aalert(1)')).toBeUndefined();
    expect(safeHref('https://')).toBeUndefined();
  });

  it('a link cannot carry quotes or angle brackets out of its address', () => {
    expect(linkify('https://x.test/"onmouseover="alert(1)')).toEqual([
      { kind: 'link', text: 'https://x.test/', href: 'https://x.test/' },
      text('"onmouseover="alert(1)'),
    ]);
    expect(linkify('<https://x.test/a>')).toEqual([text('<'), { kind: 'link', text: 'https://x.test/a', href: 'https://x.test/a' }, text('>')]);
  });

  it('markup and HTML entities stay text as typed', () => {
    expect(formatLine('<script>alert(1)</script> &lt;b&gt; <img src=x onerror=alert(1)>')).toEqual([
      text('<script>alert(1)</script> &lt;b&gt; <img src=x onerror=alert(1)>'),
    ]);
  });

  it('bold and code render; code content is literal (no bold or link inside)', () => {
    expect(formatLine('run `**not bold** https://x.test` then **reboot https://kb.test**')).toEqual([
      text('run '),
      { kind: 'code', text: '**not bold** https://x.test' },
      text(' then '),
      { kind: 'bold', parts: [text('reboot '), { kind: 'link', text: 'https://kb.test', href: 'https://kb.test/' }] },
    ]);
  });

  it('nested or unbalanced markers never produce broken structure', () => {
    expect(formatLine('**a **b** c**')).toEqual([{ kind: 'bold', parts: [text('a **b')] }, text(' c**')]);
    expect(formatLine('2 ** 3 ** 4 and ` alone and **')).toEqual([text('2 ** 3 ** 4 and ` alone and **')]);
    expect(formatLine('****')).toEqual([text('****')]);
    expect(formatLine('`a` `b`')).toEqual([{ kind: 'code', text: 'a' }, text(' '), { kind: 'code', text: 'b' }]);
  });

  it('lines starting with "- " make a list; other lines around it stay paragraphs', () => {
    expect(formatMessage('Try:\n- restart\n- **update** drivers\nThanks')).toEqual([
      { kind: 'paragraph', lines: [[text('Try:')]] },
      { kind: 'list', items: [[text('restart')], [{ kind: 'bold', parts: [text('update')] }, text(' drivers')]] },
      { kind: 'paragraph', lines: [[text('Thanks')]] },
    ]);
    expect(formatMessage('-not a list')).toEqual([{ kind: 'paragraph', lines: [[text('-not a list')]] }]);
  });

  it('masked card numbers and asterisks of masking are not taken for bold', () => {
    expect(formatLine('card **** **** **** 1111')).toEqual([text('card **** **** **** 1111')]);
    expect(formatLine('the ******** does not work')).toEqual([text('the ******** does not work')]);
    expect(formatLine('***bold?***')).toEqual([text('***bold?***')]);
  });
});
