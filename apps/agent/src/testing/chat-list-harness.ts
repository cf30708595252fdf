import { type BaseHarnessFilters, ComponentHarness, HarnessPredicate, TestKey } from '@angular/cdk/testing';

export interface ChatListItemHarnessFilters extends BaseHarnessFilters {
  /** The end user's name (or id) the row shows. */
  name?: string | RegExp;
}

/** One chat row of a chat list: whose chat, what about, its tags, whether it is the selected one. */
export class ChatListItemHarness extends ComponentHarness {
  static hostSelector = '.sb-list-item';

  static with(options: ChatListItemHarnessFilters = {}): HarnessPredicate<ChatListItemHarness> {
    return new HarnessPredicate(ChatListItemHarness, options).addOption('name', options.name, (harness, name) =>
      HarnessPredicate.stringMatches(harness.getName(), name),
    );
  }

  private readonly name = this.locatorFor('.sb-item-name');
  private readonly description = this.locatorFor('.sb-item-desc');
  private readonly tags = this.locatorForAll('.sb-item-meta .sb-tag');

  async getName(): Promise<string> {
    return (await this.name()).text();
  }

  async getDescription(): Promise<string> {
    return (await this.description()).text();
  }

  /** The tags under the row (topic, queue, Cancelled / Left, Draft), without their icons' names. */
  async getTags(): Promise<string[]> {
    const tags = await this.tags();
    return Promise.all(tags.map((tag) => tag.text({ exclude: 'mat-icon' })));
  }

  async getSessionId(): Promise<string | null> {
    return (await this.host()).getAttribute('data-session');
  }

  async isSelected(): Promise<boolean> {
    return (await (await this.host()).getAttribute('aria-selected')) === 'true';
  }

  /** Opens the chat with a click. */
  async select(): Promise<void> {
    return (await this.host()).click();
  }

  /** Opens the chat from the keyboard (Enter on the focused row). */
  async selectWithKeyboard(): Promise<void> {
    const host = await this.host();
    await host.focus();
    return host.sendKeys(TestKey.ENTER);
  }
}

export interface ChatListHarnessFilters extends BaseHarnessFilters {
  /** The list's accessible name: Queue, Transferred, My Chats. */
  label?: string | RegExp;
}

/** A Queue / Transferred / My Chats list (`sb-chat-list`). */
export class ChatListHarness extends ComponentHarness {
  static hostSelector = 'sb-chat-list';

  static with(options: ChatListHarnessFilters = {}): HarnessPredicate<ChatListHarness> {
    return new HarnessPredicate(ChatListHarness, options).addOption('label', options.label, (harness, label) =>
      HarnessPredicate.stringMatches(harness.getLabel(), label),
    );
  }

  private readonly list = this.locatorForOptional('[role="listbox"]');
  private readonly empty = this.locatorForOptional('.sb-empty p');
  private readonly more = this.locatorForOptional('[data-testid="list-more"]');

  /** The listbox's accessible name; null while the list shows its empty state. */
  async getLabel(): Promise<string | null> {
    return (await this.list())?.getAttribute('aria-label') ?? null;
  }

  getItems(filters: ChatListItemHarnessFilters = {}): Promise<ChatListItemHarness[]> {
    return this.locatorForAll(ChatListItemHarness.with(filters))();
  }

  async getNames(): Promise<string[]> {
    return Promise.all((await this.getItems()).map((item) => item.getName()));
  }

  /** What the list says when it has no chat; null when it has some. */
  async getEmptyText(): Promise<string | null> {
    return (await this.empty())?.text() ?? null;
  }

  /** "N more waiting": the rows the gateway left out of the list; null when none. */
  async getMoreText(): Promise<string | null> {
    return (await this.more())?.text() ?? null;
  }
}
