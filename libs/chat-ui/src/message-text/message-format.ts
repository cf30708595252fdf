/**
 * The small formatting a chat message may carry, parsed into plain data that
 * the template renders with text bindings only: nothing of the user's text
 * ever reaches innerHTML, so markup in a message shows as typed.
 *
 * - links: `http://`, `https://` and `mailto:` only (anything else, such as
 *   `javascript:`, stays text);
 * - `**bold**`, `` `code` `` (its content literal: no bold or link inside);
 * - lists: consecutive lines starting with `- `.
 */
export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string }
  | { readonly kind: 'bold'; readonly parts: readonly Inline[] };

/** One line of inline content. */
export type Line = readonly Inline[];

export type Block = { readonly kind: 'paragraph'; readonly lines: readonly Line[] } | { readonly kind: 'list'; readonly items: readonly Line[] };

const LIST_ITEM = /^\s*- (.*)$/;

export function formatMessage(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const item = LIST_ITEM.exec(raw);
    const last = blocks.at(-1);
    if (item) {
      const line = formatLine(item[1]!);
      if (last?.kind === 'list') (last.items as Line[]).push(line);
      else blocks.push({ kind: 'list', items: [line] });
    } else if (last?.kind === 'paragraph') {
      (last.lines as Line[]).push(formatLine(raw));
    } else {
      blocks.push({ kind: 'paragraph', lines: [formatLine(raw)] });
    }
  }
  return blocks;
}

const CODE = /`([^`\n]+)`/g;
/**
 * Bold text starts and ends with neither a space nor `*`, and its markers are
 * exactly two `*`: so `2 ** 3 ** 4` and masked text (`**** 1111`, `********`) stay as written.
 */
const BOLD = /(?<!\*)\*\*(?=[^\s*])([^\n]*?[^\s*])\*\*(?!\*)/g;

/** Code spans first (their content is literal), then bold, then links in what is left. */
export function formatLine(line: string): Inline[] {
  return splitBy(line, CODE, (code) => [{ kind: 'code', text: code }], (rest) =>
    splitBy(rest, BOLD, (bold) => [{ kind: 'bold', parts: linkify(bold) }], linkify),
  );
}

function splitBy(text: string, pattern: RegExp, matched: (inner: string) => Inline[], between: (text: string) => Inline[]): Inline[] {
  const parts: Inline[] = [];
  let from = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > from) parts.push(...between(text.slice(from, m.index)));
    parts.push(...matched(m[1]!));
    from = m.index + m[0].length;
  }
  if (from < text.length) parts.push(...between(text.slice(from)));
  return parts;
}

const LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than a link: "see https://x.test/a." */
const TRAILING = /[.,;:!?)\]}]+$/;
const SAFE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

export function linkify(text: string): Inline[] {
  const parts: Inline[] = [];
  let from = 0;
  for (const m of text.matchAll(LINK)) {
    const candidate = m[0].replace(TRAILING, '');
    const href = safeHref(candidate);
    if (href === undefined) continue;
    if (m.index > from) parts.push({ kind: 'text', text: text.slice(from, m.index) });
    parts.push({ kind: 'link', text: candidate, href });
    from = m.index + candidate.length;
  }
  if (from < text.length) parts.push({ kind: 'text', text: text.slice(from) });
  return parts;
}

/** The link's address when it parses as http(s) or mailto, else undefined (shown as text). */
export function safeHref(candidate: string): string | undefined {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (!SAFE_PROTOCOLS.has(url.protocol)) return undefined;
  if (url.protocol !== 'mailto:' && url.hostname === '') return undefined;
  return url.href;
}
