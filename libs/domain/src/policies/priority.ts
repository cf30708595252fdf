import type { PRIORITY_MAX as PriorityMaxType } from '@switchboard/contracts';
import type { EndUserInfo, TopicInfo } from '../session/context';

/**
 * Issue 15: a chat's priority, a small integer from 0 (normal) to
 * `PRIORITY_MAX` (the contract's `prioritySchema` and `PRIORITY_NAMES`;
 * the contract test checks both say the same).
 */
export const PRIORITY_MAX: typeof PriorityMaxType = 3;

/** A priority from reference data, kept inside 0..PRIORITY_MAX (anything else counts as 0). */
export function clampPriority(value: number | undefined): number {
  if (value === undefined || !Number.isInteger(value) || value <= 0) return 0;
  return Math.min(value, PRIORITY_MAX);
}

/**
 * Issue 15: the priority a chat starts with: the highest of the end user's
 * (a VIP has one), their company's and the topic's.
 */
export function startPriority(endUser: Pick<EndUserInfo, 'priority' | 'companyPriority'>, topic?: Pick<TopicInfo, 'priority'>): number {
  return Math.max(clampPriority(endUser.priority), clampPriority(endUser.companyPriority), clampPriority(topic?.priority));
}
