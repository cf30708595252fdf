import { ADMIN_SECTIONS, groupSections, pageTitle } from './admin-sections';

describe('admin sections', () => {
  it('lists the areas of the console in navigation order', () => {
    expect(ADMIN_SECTIONS.map((section) => section.title)).toEqual([
      'Dashboard',
      'Settings',
      'Support queues',
      'Topics',
      'Agents',
      'Companies',
      'End users',
      'Resources',
      'Chat records',
    ]);
  });

  it('gives every section a unique, URL-friendly path', () => {
    const paths = ADMIN_SECTIONS.map((section) => section.path);

    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) expect(path).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('describes what each section will manage', () => {
    for (const section of ADMIN_SECTIONS) {
      expect(section.summary.length).toBeGreaterThan(20);
      expect(section.manages.length).toBeGreaterThan(0);
    }
  });

  it('groups sections under their headings, keeping their order', () => {
    const groups = groupSections(ADMIN_SECTIONS);

    expect(groups.map((group) => [group.heading, group.sections.map((section) => section.path)])).toEqual([
      [null, ['dashboard']],
      ['Configuration', ['settings', 'support-queues', 'topics']],
      ['People', ['agents', 'companies', 'end-users']],
      ['Content', ['resources', 'chat-records']],
    ]);
  });

  it('names browser tabs after the page and the product', () => {
    expect(pageTitle('Agents')).toBe('Agents \u00b7 Switchboard admin');
  });
});
