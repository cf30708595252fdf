/** The areas of the admin console: drives the side navigation and page titles. */
export interface AdminSection {
  /** Route path under the console root, e.g. `support-queues`. */
  readonly path: string;
  readonly title: string;
  /** Material Symbols ligature. */
  readonly icon: string;
  /** Navigation group heading; `null` for top-level entries. */
  readonly group: string | null;
  /** One or two sentences: what the section is for. */
  readonly summary: string;
  /** What an administrator will manage there. */
  readonly manages: readonly string[];
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  {
    path: 'dashboard',
    title: 'Dashboard',
    icon: 'space_dashboard',
    group: null,
    summary: 'The service desk right now: chats waiting per queue, the longest wait, agents online and their load, sessions by status and assignments per minute, updated live.',
    manages: ['Chats waiting per queue and the longest wait', 'Agents online and their current load', 'Sessions by status and assignments per minute'],
  },
  {
    path: 'settings',
    title: 'Settings',
    icon: 'settings',
    group: 'Configuration',
    summary: 'How chats are routed and assigned. A change applies to every service at once, without a restart.',
    manages: ['Support Queues, Use Topics and the Company filter', 'Agent Auto Accept and the cap of concurrent chats per agent', 'The remote-control console used by Request Control'],
  },
  {
    path: 'support-queues',
    title: 'Support queues',
    icon: 'low_priority',
    group: 'Configuration',
    summary: 'The queues chats wait in until an agent of the queue takes them. General always exists.',
    manages: ['Queue names and descriptions', 'Which topics route to each queue', 'How many agents serve each queue'],
  },
  {
    path: 'topics',
    title: 'Topics',
    icon: 'topic',
    group: 'Configuration',
    summary: 'The subjects end users pick when they start a chat; each topic routes its chats to one support queue.',
    manages: ['Topic names', 'The support queue of each topic'],
  },
  {
    path: 'agents',
    title: 'Agents',
    icon: 'support_agent',
    group: 'People',
    summary: 'The service desk staff who answer chats: the queues they serve, the companies they support and how many chats they take at once.',
    manages: ['Queue and company memberships', 'A personal cap of concurrent chats'],
  },
  {
    path: 'companies',
    title: 'Companies',
    icon: 'domain',
    group: 'People',
    summary: 'The customer organisations the desk supports. With the Company filter on, agents only see chats of their own companies.',
    manages: ['Company names and codes', 'The email domains of their users'],
  },
  {
    path: 'end-users',
    title: 'End users',
    icon: 'group',
    group: 'People',
    summary: 'The people who contact the service desk: contact details, site, company and the devices agents can take control of.',
    manages: ['Contact details and site', 'The company of each user', 'Assets (devices) for Request Control'],
  },
  {
    path: 'resources',
    title: 'Resources',
    icon: 'library_books',
    group: 'Content',
    summary: 'What agents see beside a chat: knowledge articles to search, response templates to paste, and known outages.',
    manages: ['Knowledge articles', 'Response templates', 'Outages and their time span'],
  },
  {
    path: 'chat-records',
    title: 'Chat records',
    icon: 'forum',
    group: 'Content',
    summary: 'The Master Chat Records: every session with its whole history. Find one by id, end user, agent, status or time, read it, and force-close a stuck one.',
    manages: ['Search by id, end user, agent, status and time', 'The whole history with side notes and system events', 'Force-closing a stuck session'],
  },
];

export interface AdminSectionGroup {
  readonly heading: string | null;
  readonly sections: readonly AdminSection[];
}

/** Sections grouped for the navigation, in the order of first appearance. */
export function groupSections(sections: readonly AdminSection[]): AdminSectionGroup[] {
  const groups: { heading: string | null; sections: AdminSection[] }[] = [];
  for (const section of sections) {
    const group = groups.find((candidate) => candidate.heading === section.group);
    if (group) group.sections.push(section);
    else groups.push({ heading: section.group, sections: [section] });
  }
  return groups;
}

/** Browser tab title of a console page. */
export function pageTitle(title: string): string {
  return `${title} \u00b7 Switchboard admin`;
}
