import { ComponentHarness } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatButtonToggleHarness } from '@angular/material/button-toggle/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';

export type TranscriptLineKind = 'message' | 'note' | 'system';

/** One line of the transcript: a message (the end user's or an agent's), a side note (R13) or a system line. */
export class TranscriptLineHarness extends ComponentHarness {
  static hostSelector = '.sb-transcript > li:not(.sb-history-marker)';

  private readonly meta = this.locatorForOptional('.sb-meta, .sb-note-head');
  private readonly body = this.locatorForOptional('.sb-text');
  private readonly maskedNote = this.locatorForOptional('[data-testid="masked-note"]');

  async getKind(): Promise<TranscriptLineKind> {
    const host = await this.host();
    if (await host.hasClass('sb-note')) return 'note';
    return (await host.hasClass('sb-system')) ? 'system' : 'message';
  }

  /** The line's text (a message's or note's words, a system line's sentence). */
  async getText(): Promise<string> {
    return (await this.body())?.text() ?? (await this.host()).text();
  }

  /** Who wrote a message or a note; null on a system line. */
  async getAuthor(): Promise<string | null> {
    const meta = await this.meta();
    if (!meta) return null;
    const text = await meta.text({ exclude: 'mat-icon' });
    return text.replace(/^Side note from /, '').split(' · ')[0]!.trim();
  }

  /** The note under a masked message or side note for its author; null when there is none. */
  async getMaskedNote(): Promise<string | null> {
    return (await (await this.maskedNote())?.text({ exclude: 'mat-icon' }))?.trim() ?? null;
  }

  /** True for what the agent side wrote (shown on the right). */
  async isMine(): Promise<boolean> {
    return (await this.host()).hasClass('sb-mine');
  }
}

/** The selected chat of the agent console (`sb-chat-pane`): its head, Accept, Chat Actions, transcript and composer. */
export class ChatPaneHarness extends ComponentHarness {
  static hostSelector = 'sb-chat-pane';

  private readonly title = this.locatorForOptional('[data-testid="chat-title"]');
  private readonly status = this.locatorForOptional('[data-testid="chat-status"]');
  private readonly empty = this.locatorForOptional('.sb-empty h2');
  private readonly banner = this.locatorForOptional('.sb-banner-warning');
  private readonly chatError = this.locatorForOptional('[data-testid="chat-error"]');
  private readonly readonlyNotice = this.locatorForOptional('.sb-readonly');
  private readonly acceptButton = this.locatorForOptional(MatButtonHarness.with({ selector: '[data-testid="accept"]' }));
  private readonly actionsMenu = this.locatorForOptional(MatMenuHarness.with({ selector: '[data-testid="chat-actions"]' }));
  private readonly composer = this.locatorForOptional(MatInputHarness.with({ selector: '[data-testid="composer"]' }));
  private readonly sendButton = this.locatorForOptional(MatButtonHarness.with({ selector: '[data-testid="send"]' }));

  /** True while no chat is selected ("No chat selected"). */
  async isEmpty(): Promise<boolean> {
    return (await (await this.empty())?.text()) === 'No chat selected';
  }

  /** Whose chat it is; null when none is selected. */
  async getTitle(): Promise<string | null> {
    return (await this.title())?.text() ?? null;
  }

  /** The status chip: In queue, Assigned, Transferred to you... */
  async getStatus(): Promise<string | null> {
    return (await this.status())?.text() ?? null;
  }

  getTranscript(): Promise<TranscriptLineHarness[]> {
    return this.locatorForAll(TranscriptLineHarness)();
  }

  /** The transcript as text, one entry a line (kind and words), for whole-conversation assertions. */
  async getTranscriptText(): Promise<string[]> {
    const lines = await this.getTranscript();
    return Promise.all(lines.map(async (line) => `${await line.getKind()}: ${await line.getText()}`));
  }

  /** The warning over the transcript (end user cancelled or left); null when none. */
  async getWarning(): Promise<string | null> {
    return (await this.banner())?.text({ exclude: 'mat-icon, button' }) ?? null;
  }

  /** The chat's error in words; null when none. */
  async getError(): Promise<string | null> {
    return (await this.chatError())?.text({ exclude: 'mat-icon' }) ?? null;
  }

  /** True when the chat is shown for reference only (no longer on this console). */
  async isReadOnly(): Promise<boolean> {
    return !!(await this.readonlyNotice());
  }

  /** Accept is offered for a chat in the Queue or Transferred list. */
  async canAccept(): Promise<boolean> {
    return !!(await this.acceptButton());
  }

  async accept(): Promise<void> {
    return (await this.required(this.acceptButton(), 'Accept')).click();
  }

  /** The Chat Actions menu's entries (only on the agent's own chats). */
  async getActions(): Promise<string[]> {
    const menu = await this.actionsMenu();
    if (!menu) return [];
    await menu.open();
    const items = await menu.getItems();
    const labels = await Promise.all(items.map((item) => item.getText()));
    await menu.close();
    return labels.map((label) => label.replace(/^\S+\s+/, ''));
  }

  /** Chooses one of Chat Actions: Transfer, Release, Create ticket, Request Control, End Chat, Abandon. */
  async chooseAction(action: string): Promise<void> {
    const menu = await this.required(this.actionsMenu(), 'Chat Actions');
    return menu.clickItem({ text: new RegExp(`${action}$`) });
  }

  /** Whether the composer is there (the agent's own chat). */
  async canWrite(): Promise<boolean> {
    return !!(await this.composer());
  }

  async getDraft(): Promise<string> {
    return (await this.required(this.composer(), 'the composer')).getValue();
  }

  async writeDraft(text: string): Promise<void> {
    return (await this.required(this.composer(), 'the composer')).setValue(text);
  }

  /** Reply (to the end user) or side note (agents only, R13). */
  async setMode(mode: 'reply' | 'sideNote'): Promise<void> {
    const selector = mode === 'reply' ? '[data-testid="mode-reply"]' : '[data-testid="mode-side-note"]';
    return (await this.locatorFor(MatButtonToggleHarness.with({ selector }))()).check();
  }

  async canSend(): Promise<boolean> {
    const button = await this.sendButton();
    return !!button && !(await button.isDisabled());
  }

  async send(): Promise<void> {
    return (await this.required(this.sendButton(), 'Send')).click();
  }

  private async required<T>(found: Promise<T | null>, what: string): Promise<T> {
    const value = await found;
    if (!value) throw new Error(`ChatPaneHarness: ${what} is not shown`);
    return value;
  }
}
