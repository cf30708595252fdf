import { eventually } from '@switchboard/testing';
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 20_000;

/** The agent console as a person uses it. */
export class AgentConsole {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async signIn(username: string, password = 'agent123'): Promise<void> {
    await this.page.goto(`${this.baseUrl}/agent/`);
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByTestId('tab-queue').waitFor({ timeout: TIMEOUT });
  }

  tab(name: 'queue' | 'transferred' | 'mychats'): Locator {
    return this.page.getByTestId(`tab-${name}`);
  }

  /** The count shown beside a tab's name. */
  async count(name: 'queue' | 'transferred' | 'mychats'): Promise<number> {
    return Number(await this.tab(name).locator('xpath=following-sibling::span[1]').textContent());
  }

  /** Waits until a tab's count reads `n` (lists update live). */
  async expectCount(name: 'queue' | 'transferred' | 'mychats', n: number): Promise<void> {
    await eventually(
      async () => {
        const last = await this.count(name);
        if (last !== n) throw new Error(`${name} count is ${last}, expected ${n}`);
      },
      { timeoutMs: TIMEOUT, intervalMs: 100 },
    );
  }

  async openTab(name: 'queue' | 'transferred' | 'mychats'): Promise<void> {
    await this.tab(name).click();
  }

  item(text: string): Locator {
    return this.page.locator('mat-tab-body.mat-mdc-tab-body-active li[role=option]', { hasText: text });
  }

  async select(tab: 'queue' | 'transferred' | 'mychats', text: string): Promise<void> {
    await this.openTab(tab);
    await this.item(text).waitFor({ timeout: TIMEOUT });
    await this.item(text).click();
  }

  transcript(): Locator {
    return this.page.getByTestId('transcript');
  }

  async waitForLine(text: string): Promise<void> {
    await this.transcript().getByText(text, { exact: false }).first().waitFor({ timeout: TIMEOUT });
  }

  async accept(): Promise<void> {
    await this.page.getByTestId('accept').click();
  }

  /**
   * Clicks Accept at the wall-clock time `at` (ms), from inside the page.
   * Two agents racing must both click before either can see the outcome: the
   * winner's assignment reaches the other console milliseconds later, while
   * two pages of one browser on one clock click within a millisecond or so.
   */
  async acceptAt(at: number): Promise<void> {
    await this.page.getByTestId('accept').waitFor();
    const clicked = await this.page.evaluate(
      (when) =>
        new Promise<boolean>((resolve) =>
          setTimeout(() => {
            const button = document.querySelector<HTMLButtonElement>('[data-testid="accept"]');
            button?.click();
            resolve(button !== null);
          }, Math.max(0, when - Date.now())),
        ),
      at,
    );
    if (!clicked) throw new Error('the Accept button was gone at the agreed moment');
  }

  async reply(text: string): Promise<void> {
    await this.page.getByTestId('composer').fill(text);
    await this.page.getByTestId('composer').press('Enter');
    await this.page.locator('.sb-msg.sb-mine', { hasText: text }).waitFor({ timeout: TIMEOUT });
  }

  async openActions(): Promise<void> {
    await this.page.getByTestId('chat-actions').click();
  }

  async action(name: 'Transfer' | 'Release' | 'Create ticket' | 'Request Control' | 'End Chat' | 'Abandon'): Promise<void> {
    await this.openActions();
    await this.page.getByRole('menuitem', { name }).click();
  }

  dialog(): Locator {
    return this.page.locator('mat-dialog-container');
  }

  status(): Locator {
    return this.page.getByTestId('chat-status');
  }
}

/** The end-user widget as a person uses it. */
export class Widget {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/widget/`);
  }

  async signIn(username: string, password = 'user123'): Promise<void> {
    await this.open();
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** R1: picks the topic (`whilePicking` runs with the list open), describes the issue, starts. */
  async start(topic: string, description: string, whilePicking?: () => Promise<void>): Promise<void> {
    await this.page.getByTestId('topic').click();
    await this.page.locator('.mat-mdc-select-panel').waitFor({ timeout: TIMEOUT });
    await whilePicking?.();
    await this.page.getByRole('option', { name: topic }).click();
    await this.page.locator('.mat-mdc-select-panel').waitFor({ state: 'detached', timeout: TIMEOUT });
    await this.page.getByLabel('Describe your issue').fill(description);
    await this.page.getByRole('button', { name: 'Start chat' }).click();
    await this.page.getByTestId('status-title').waitFor({ timeout: TIMEOUT });
  }

  title(): Locator {
    return this.page.getByTestId('status-title');
  }

  async waitForLine(text: string): Promise<void> {
    await this.page.getByTestId('transcript').getByText(text, { exact: false }).first().waitFor({ timeout: TIMEOUT });
  }

  async send(text: string): Promise<void> {
    await this.page.getByTestId('composer').fill(text);
    await this.page.getByTestId('composer').press('Enter');
    await this.page.locator('.sb-msg.sb-mine', { hasText: text }).waitFor({ timeout: TIMEOUT });
  }
}
