import { Injectable, signal } from '@angular/core';

/** The reply being written in each chat, kept while the agent switches between chats. */
@Injectable({ providedIn: 'root' })
export class DraftsStore {
  readonly drafts = signal<Record<string, string>>({});

  draftOf(sessionId: string): string {
    return this.drafts()[sessionId] ?? '';
  }

  setDraft(sessionId: string, text: string): void {
    this.drafts.update((d) => ({ ...d, [sessionId]: text }));
  }

  /** R15: a response template goes into the reply being written. */
  insertIntoDraft(sessionId: string, text: string): void {
    const current = this.draftOf(sessionId);
    this.setDraft(sessionId, current.trim() ? `${current.trimEnd()}\n${text}` : text);
  }

  clear(): void {
    this.drafts.set({});
  }
}
