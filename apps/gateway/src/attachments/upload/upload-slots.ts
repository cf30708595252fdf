/**
 * At most `max` uploads in progress on one gateway at once: each holds up to
 * one GridFS chunk and a few network buffers, so this bounds what uploads
 * take of the gateway's memory and database connections together.
 */
export class UploadSlots {
  private used = 0;

  constructor(private readonly max: number) {}

  /** A release function, or undefined when every slot is taken. */
  take(): (() => void) | undefined {
    if (this.used >= this.max) return undefined;
    this.used++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used--;
    };
  }

  get inUse(): number {
    return this.used;
  }
}
