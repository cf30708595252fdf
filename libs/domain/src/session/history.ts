import type { SessionEvent } from './events';

/** Side notes are for agents only (R13); everything else may reach the end user. */
export function isVisibleToEndUser(event: SessionEvent): boolean {
  return event.type !== 'SideNoteAdded';
}

