import type { Principal } from '@switchboard/contracts';

/**
 * The demo data `npm start` seeds (SEED_DEMO_DATA=true). The logins are
 * listed in the README; every record has a fixed id, so seeding twice
 * changes nothing.
 */
export const DEMO_PASSWORDS = { agent: 'agent123', endUser: 'user123', admin: 'admin123' } as const;

export const DEMO_SETTINGS = {
  _id: 'global',
  supportQueues: true,
  useTopics: true,
  companyFilter: false,
  agentAutoAccept: false,
  remoteControlConsoleUrl: 'https://remote.example.test/console?device={deviceId}',
  maxConcurrentChatsPerAgent: 0,
  revision: 1,
};

export const DEMO_QUEUES = [
  { _id: 'General', description: 'Everything else' },
  { _id: 'Network', description: 'VPN, Wi-Fi, internet access' },
  { _id: 'Hardware', description: 'Laptops, printers, phones' },
];

export const DEMO_TOPICS = [
  { _id: 'password-reset', name: 'Password reset', queue: 'General' },
  { _id: 'software', name: 'Software installation', queue: 'General' },
  { _id: 'vpn', name: 'VPN', queue: 'Network' },
  { _id: 'wifi', name: 'Wi-Fi', queue: 'Network' },
  { _id: 'laptop', name: 'Laptop', queue: 'Hardware' },
  { _id: 'printer', name: 'Printer', queue: 'Hardware' },
];

export const DEMO_COMPANIES = [
  { _id: 'acme', name: 'Acme Corporation', emailDomains: ['acme.example'], notes: '' },
  { _id: 'globex', name: 'Globex', emailDomains: ['globex.example'], notes: '' },
];

export const DEMO_AGENTS = [
  { _id: 'alice', displayName: 'Alice Agent', queues: ['General', 'Network'], companies: ['acme', 'globex'] },
  { _id: 'bob', displayName: 'Bob Agent', queues: ['Network'], companies: ['acme'] },
  { _id: 'carol', displayName: 'Carol Agent', queues: ['Hardware'], companies: ['globex'] },
  { _id: 'dave', displayName: 'Dave Agent', queues: ['Hardware', 'Network'], companies: ['acme', 'globex'] },
  // Issue 16: a supervisor signs in to the agent console like an agent; the queues they supervise come from their profile.
  { _id: 'sam', displayName: 'Sam Supervisor', queues: ['General', 'Network'], companies: ['acme', 'globex'], supervisedQueues: ['General', 'Network'] },
].map((a) => ({ ...a, cap: 0 }));

export const DEMO_END_USERS = [
  {
    _id: 'erin',
    displayName: 'Erin User',
    companyId: 'acme',
    email: 'erin@acme.example',
    phone: '+1 555 0101',
    site: 'Berlin office',
    assets: [
      { id: 'erin-laptop', name: 'ThinkPad T14', deviceId: 'DEV-1001' },
      { id: 'erin-phone', name: 'Pixel 8', deviceId: 'DEV-1002' },
    ],
  },
  {
    _id: 'frank',
    displayName: 'Frank User',
    companyId: 'acme',
    email: 'frank@acme.example',
    phone: '+1 555 0102',
    site: 'Paris office',
    assets: [{ id: 'frank-laptop', name: 'MacBook Air', deviceId: 'DEV-1003' }],
  },
  {
    _id: 'grace',
    displayName: 'Grace User',
    companyId: 'globex',
    email: 'grace@globex.example',
    phone: '+1 555 0201',
    site: 'Springfield plant',
    assets: [{ id: 'grace-desktop', name: 'OptiPlex 7010', deviceId: 'DEV-2001' }],
  },
  {
    _id: 'heidi',
    displayName: 'Heidi User',
    companyId: 'globex',
    email: 'heidi@globex.example',
    phone: '+1 555 0202',
    site: 'Remote',
    assets: [{ id: 'heidi-laptop', name: 'Latitude 5440', deviceId: 'DEV-2002' }],
  },
];

export const DEMO_ADMIN: Principal = { id: 'admin', role: 'admin', name: 'Ada Admin' };

export const DEMO_KNOWLEDGE_ARTICLES = [
  { _id: 'kb-vpn-reset', title: 'Resetting the VPN client', body: 'Quit the VPN client, delete its profile, sign in again with your company account.', tags: ['vpn', 'network'] },
  { _id: 'kb-password', title: 'Resetting your password', body: 'Open the self-service portal, choose "Forgot password" and follow the e-mail link.', tags: ['password'] },
  { _id: 'kb-printer-queue', title: 'Clearing a stuck printer queue', body: 'Restart the print spooler service, then remove and add the printer again.', tags: ['printer', 'hardware'] },
  { _id: 'kb-wifi', title: 'Connecting to the office Wi-Fi', body: 'Pick the CORP network, sign in with your company account, accept the certificate.', tags: ['wifi', 'network'] },
];

export const DEMO_OUTAGES = [
  {
    _id: 'outage-vpn-eu',
    title: 'VPN gateway EU-West degraded',
    description: 'Connections through the EU-West gateway drop after a few minutes; use EU-Central meanwhile.',
    startsAt: new Date('2026-01-01T08:00:00.000Z'),
    companies: [],
  },
];

export const DEMO_RESPONSE_TEMPLATES = [
  { _id: 'tpl-greeting', title: 'Greeting', text: 'Hello, thank you for contacting the service desk. How can I help?' },
  { _id: 'tpl-restart', title: 'Ask to restart', text: 'Could you please restart the device and tell me whether the problem persists?' },
  { _id: 'tpl-closing', title: 'Closing', text: 'Is there anything else I can help you with?' },
];

/** Every demo login: username, password, principal. */
export function demoLogins(): Array<{ username: string; password: string; principal: Principal }> {
  return [
    ...DEMO_AGENTS.map((a) => ({ username: a._id, password: DEMO_PASSWORDS.agent, principal: { id: a._id, role: 'agent' as const, name: a.displayName } })),
    ...DEMO_END_USERS.map((u) => ({ username: u._id, password: DEMO_PASSWORDS.endUser, principal: { id: u._id, role: 'endUser' as const, name: u.displayName } })),
    { username: DEMO_ADMIN.id, password: DEMO_PASSWORDS.admin, principal: DEMO_ADMIN },
  ];
}
