import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@switchboard/contracts';
import type { Connection } from 'mongoose';

/** Where each role's accounts live; administrators have no record to disable. */
const ACCOUNTS: Partial<Record<Principal['role'], string>> = { agent: 'agents', endUser: 'end_users' };

/**
 * Whether an administrator disabled an account (PATCH `{ disabled: true }` on
 * the agent or end user). Asked at every sign-in and token refresh; tokens
 * issued before the account was disabled were ended with it (token
 * generation), so the WebSocket and REST checks need not ask.
 */
export class AccountStatus {
  constructor(private readonly db: Connection) {}

  /** Throws 403 ACCOUNT_DISABLED for a disabled account. */
  async refuseDisabled(principal: Principal): Promise<void> {
    const collection = ACCOUNTS[principal.role];
    if (!collection) return;
    // By _id: one index lookup, not a scan.
    const disabled = await this.db.collection(collection).findOne({ _id: principal.id as never, disabled: true }, { projection: { _id: 1 } });
    if (disabled) {
      throw new ForbiddenException({ code: 'ACCOUNT_DISABLED', message: `The account ${principal.id} is disabled; an administrator can enable it again.` });
    }
  }
}
