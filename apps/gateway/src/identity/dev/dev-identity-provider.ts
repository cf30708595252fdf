import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@switchboard/contracts';
import type { Model } from 'mongoose';
import type { IdentityProvider } from '../identity-provider';
import { DevCredentialRecord } from './dev-credential.schema';
import { hashPassword, verifyPassword } from './password-hash';

/** Hash compared when the user does not exist, so both failures take the same time. */
const DUMMY_HASH = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Development identity provider: usernames and scrypt password hashes in the
 * `dev_credentials` collection (seeded demo users, README). Not for production.
 */
@Injectable()
export class DevIdentityProvider implements IdentityProvider {
  constructor(@InjectModel(DevCredentialRecord.name) private readonly credentials: Model<DevCredentialRecord>) {}

  async authenticate(username: string, password: string): Promise<Principal | undefined> {
    const doc = await this.credentials.findById(username.trim().toLowerCase()).lean();
    const matches = await verifyPassword(password, doc?.passwordHash ?? DUMMY_HASH);
    if (!doc || !matches) return undefined;
    return { id: doc.principalId, role: doc.role, name: doc.name };
  }

  /**
   * Adds a login if the username is free (idempotent: an existing login is
   * kept as it is). Returns whether it was added.
   */
  async register(username: string, password: string, principal: Principal): Promise<boolean> {
    try {
      await this.credentials.create({
        _id: username.trim().toLowerCase(),
        passwordHash: await hashPassword(password),
        principalId: principal.id,
        role: principal.role,
        name: principal.name,
      });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }
}
