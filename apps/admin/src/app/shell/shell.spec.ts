import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatNavListItemHarness } from '@angular/material/list/testing';
import { MatToolbarHarness } from '@angular/material/toolbar/testing';
import { provideRouter } from '@angular/router';
import { Shell } from './shell';

describe('Shell', () => {
  async function render() {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    return { fixture, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('shows the product name in the toolbar', async () => {
    const { loader } = await render();
    const toolbar = await loader.getHarness(MatToolbarHarness);

    expect((await toolbar.getRowsAsText())[0]).toContain('Switchboard');
  });

  it('links every console section from the side navigation', async () => {
    const { loader } = await render();
    const links = await loader.getAllHarnesses(MatNavListItemHarness);

    const entries = await Promise.all(links.map(async (link) => [await link.getTitle(), await link.getHref()]));
    expect(entries).toEqual([
      ['Dashboard', '/dashboard'],
      ['Settings', '/settings'],
      ['Support queues', '/support-queues'],
      ['Topics', '/topics'],
      ['Agents', '/agents'],
      ['Companies', '/companies'],
      ['End users', '/end-users'],
      ['Resources', '/resources'],
      ['Chat records', '/chat-records'],
    ]);
  });

  it('groups the sections under headings', async () => {
    const { fixture } = await render();
    const headings = [...(fixture.nativeElement as HTMLElement).querySelectorAll('.group-heading')].map((heading) =>
      heading.textContent?.trim(),
    );

    expect(headings).toEqual(['Configuration', 'People', 'Content']);
  });
});
