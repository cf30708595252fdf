import { SetMetadata } from '@nestjs/common';
import type { PrincipalRole } from '@switchboard/contracts';

export const ROLES_KEY = 'switchboard:roles';

/** The roles allowed on a controller or handler guarded by AuthGuard; none listed: any signed-in principal. */
export const Roles = (...roles: PrincipalRole[]) => SetMetadata(ROLES_KEY, roles);
