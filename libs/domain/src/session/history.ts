import type { SessionEvent } from './events';

/**
 * What the end user never sees (R13, issue 14): side notes, and how the chat
 * was routed among agents (offers, declines with their reasons, lapses), its
 * priority (issue 15) and the agent's disposition after it; a supervisor's
 * whispers and the help flag (issue 16). Everything else may reach the end user.
 */
const AGENTS_ONLY: ReadonlySet<SessionEvent['type']> = new Set([
  'SideNoteAdded',
  'ChatOffered',
  'OfferDeclined',
  'OfferLapsed',
  'OfferWithdrawn',
  'DispositionRecorded',
  'PriorityRaised',
  'WhisperAdded',
  'HelpFlagRaised',
  'HelpFlagLowered',
  // Issue 16 (ADR 24): invitations and consults are between agents; joins and leaves the end user sees.
  'AgentInvited',
  'InviteEnded',
  'ConsultAdded',
]);

export function isVisibleToEndUser(event: SessionEvent): boolean {
  return !AGENTS_ONLY.has(event.type);
}
