import { RE2JS } from 're2js';
import type { MaskedKind } from '@switchboard/contracts';

/**
 * Masking of card numbers and of the administrator's patterns in the text of
 * messages and side notes, applied by `decide`, so the unmasked text is never
 * stored nor shown (every path that posts goes through it).
 *
 * Admin patterns run on RE2 (re2js, a pure JavaScript port): its matching time
 * is linear in the text whatever the pattern, so no pattern can backtrack
 * catastrophically; count and length are bounded as well.
 */
export const MASK_PATTERNS_MAX = 20;
export const MASK_PATTERN_MAX_LENGTH = 200;

/** What replaces a match of an admin pattern (fixed, so the length of a secret is not told). */
export const PATTERN_MASK = '********';

export interface MaskedText {
  readonly text: string;
  /** What was masked, in a fixed order; empty when the text is unchanged. */
  readonly masked: readonly MaskedKind[];
}

export function maskText(text: string, patterns: readonly string[] = []): MaskedText {
  const cards = maskCardNumbers(text);
  let result = cards;
  let patternHit = false;
  for (const pattern of patterns) {
    const compiled = compiledPattern(pattern);
    if (compiled === undefined) continue; // checked when the admin saved it; an old stored one is skipped
    const replaced = replaceMatches(compiled, result);
    if (replaced !== result) patternHit = true;
    result = replaced;
  }
  const masked: MaskedKind[] = [];
  if (cards !== text) masked.push('card');
  if (patternHit) masked.push('pattern');
  return { text: result, masked };
}

// ---------- card numbers ----------

const CARD_MIN_DIGITS = 13;
const CARD_MAX_DIGITS = 19;
const DIGITS_KEPT = 4;

/** Groups of digits joined by single spaces or dashes; the two never overlap, so matching is linear. */
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;

/**
 * Masks every card number: 13 to 19 digits, written together or in groups
 * split by spaces or dashes, that pass the Luhn check. All digits but the last
 * four become `*`; the separators stay. A longer run of groups is searched for
 * consecutive groups that make a card number (a card followed by a PIN).
 */
export function maskCardNumbers(text: string): string {
  return text.replace(DIGIT_RUN, (run) => maskCardsInRun(run));
}

function maskCardsInRun(run: string): string {
  const groups = run.split(/([ -])/); // digits, separator, digits, ...
  const digitGroups = groups.filter((_, i) => i % 2 === 0);
  const masked = [...digitGroups];
  let first = 0;
  while (first < digitGroups.length) {
    const last = longestCardFrom(digitGroups, first);
    if (last === undefined) {
      first++;
      continue;
    }
    const digits = digitGroups.slice(first, last + 1).join('');
    let toMask = digits.length - DIGITS_KEPT;
    for (let g = first; g <= last && toMask > 0; g++) {
      const group = digitGroups[g]!;
      const n = Math.min(group.length, toMask);
      masked[g] = '*'.repeat(n) + group.slice(n);
      toMask -= n;
    }
    first = last + 1;
  }
  return groups.map((part, i) => (i % 2 === 0 ? masked[i / 2]! : part)).join('');
}

/** The last group of the longest card number starting at group `first`, if any. */
function longestCardFrom(groups: readonly string[], first: number): number | undefined {
  let count = 0;
  let found: number | undefined;
  for (let g = first; g < groups.length; g++) {
    count += groups[g]!.length;
    if (count > CARD_MAX_DIGITS) break;
    if (count >= CARD_MIN_DIGITS && luhnValid(groups.slice(first, g + 1).join(''))) found = g;
  }
  return found;
}

/** The Luhn checksum: from the right, every second digit doubled (minus 9 past 9); the sum is a multiple of 10. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// ---------- admin patterns ----------

/** Compiled patterns by source; bounded, as the settings hold at most MASK_PATTERNS_MAX at a time. */
const compiled = new Map<string, RE2JS | null>();
const COMPILED_KEPT = 4 * MASK_PATTERNS_MAX;

function compiledPattern(pattern: string): RE2JS | undefined {
  let entry = compiled.get(pattern);
  if (entry === undefined) {
    entry = maskPatternProblem(pattern) === undefined ? RE2JS.compile(pattern) : null;
    if (compiled.size >= COMPILED_KEPT) compiled.clear();
    compiled.set(pattern, entry);
  }
  return entry ?? undefined;
}

function replaceMatches(pattern: RE2JS, text: string): string {
  // A function, so `$` is never read as a group reference; empty matches (`\b`) change nothing.
  return pattern.matcher(text).replaceAll((match: string) => (match === '' ? '' : PATTERN_MASK));
}

/** Why an admin pattern is refused, or undefined when it is fine. */
export function maskPatternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'A mask pattern cannot be empty.';
  if (pattern.length > MASK_PATTERN_MAX_LENGTH) return `A mask pattern must be at most ${MASK_PATTERN_MAX_LENGTH} characters.`;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    return `Mask pattern "${pattern}" is not a valid regular expression (RE2 syntax): ${e instanceof Error ? e.message : String(e)}`;
  }
  if (re.matches('')) return `Mask pattern "${pattern}" matches empty text; it must match at least one character.`;
  return undefined;
}

/** Checks the whole list (count, then each pattern); undefined when it is fine. */
export function maskPatternsProblem(patterns: unknown): string | undefined {
  if (!Array.isArray(patterns) || patterns.some((p) => typeof p !== 'string')) return 'Mask patterns must be a list of texts.';
  if (patterns.length > MASK_PATTERNS_MAX) return `At most ${MASK_PATTERNS_MAX} mask patterns.`;
  for (const p of patterns as string[]) {
    const problem = maskPatternProblem(p);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
