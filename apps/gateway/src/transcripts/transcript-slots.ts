/**
 * How many transcript downloads one gateway writes at once (each is up to a
 * few seconds of CPU for the longest chats); one more is refused with
 * `TOO_MANY_TRANSCRIPTS` (429) until one ends. E-mails do not take a slot:
 * the chat-end follower sends them one at a time.
 */
export class TranscriptSlots {
  private used = 0;

  constructor(readonly max: number) {}

  get inUse(): number {
    return this.used;
  }

  /** A slot, with the function that gives it back (once), or undefined when all are taken. */
  take(): (() => void) | undefined {
    if (this.used >= this.max) return undefined;
    this.used++;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.used--;
    };
  }
}
