/** The areas of the admin console: drives the side navigation, the routes and the placeholder pages. */
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
    summary: 'The state of the live-chat service at a glance: platform health now, queue load and agent availability later.',
    manages: ['Health of the gateway, NATS and MongoDB', 'Chats waiting and in progress per queue', 'Agents online and their current load'],
  },
  {
    path: 'settings',
    title: 'Settings',
    icon: 'settings',
    group: 'Configuration',
    summary: 'Service-wide configuration that applies to every chat unless a queue or company overrides it.',
    manages: [
      'Business hours, holidays and the time zone of the desk',
      'Greeting, waiting and offline messages shown to end users',
      'How long chat transcripts and attachments are kept',
    ],
  },
  {
    path: 'support-queues',
    title: 'Support queues',
    icon: 'low_priority',
    group: 'Configuration',
    summary: 'The queues incoming chats wait in until an agent accepts them, and the rules that route chats between them.',
    manages: [
      'Queue names, opening hours and priorities',
      'Which agents serve each queue and how many chats they take at once',
      'Overflow: where chats go when a queue is full or closed',
    ],
  },
  {
    path: 'topics',
    title: 'Topics',
    icon: 'topic',
    group: 'Configuration',
    summary: 'The subjects end users pick when they start a chat, such as password resets, hardware or VPN access.',
    manages: [
      'The list of topics and their wording in each language',
      'The support queue each topic routes to',
      'Questions asked before the chat starts, per topic',
    ],
  },
  {
    path: 'agents',
    title: 'Agents',
    icon: 'support_agent',
    group: 'People',
    summary: 'The service desk staff who answer chats, and what each of them is allowed to do.',
    manages: [
      'Agent accounts, roles and sign-in access',
      'Queue membership and the number of concurrent chats per agent',
      'Availability status and working hours',
    ],
  },
  {
    path: 'companies',
    title: 'Companies',
    icon: 'domain',
    group: 'People',
    summary: 'The customer organisations the desk supports, and the service each of them is entitled to.',
    manages: [
      'Company profiles and the email domains that identify their users',
      'Service levels: response targets and support hours',
      'Which queues and topics a company can reach',
    ],
  },
  {
    path: 'end-users',
    title: 'End users',
    icon: 'group',
    group: 'People',
    summary: 'The people who contact the service desk through the chat widget.',
    manages: [
      'User profiles and the company each user belongs to',
      'Blocking and unblocking users',
      'A user\u2019s past chats, for context before answering',
    ],
  },
  {
    path: 'resources',
    title: 'Resources',
    icon: 'library_books',
    group: 'Content',
    summary: 'Ready-made material agents share during a chat, so common questions get consistent answers.',
    manages: [
      'Canned responses with placeholders for names and ticket numbers',
      'Links to knowledge-base articles and how-to guides',
      'Files agents can attach, such as setup instructions',
    ],
  },
  {
    path: 'chat-records',
    title: 'Chat records',
    icon: 'forum',
    group: 'Content',
    summary: 'Transcripts of finished conversations, for quality review, audits and follow-up.',
    manages: [
      'Search by end user, agent, topic, queue or date',
      'Reading a full transcript with its attachments and timings',
      'Exporting records and deleting them on request',
    ],
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
