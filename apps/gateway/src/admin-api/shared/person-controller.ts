import type { z } from 'zod';
import type { SessionRevocations } from '../../identity/revocation/session-revocations';
import { AdminCrudController, type CrudRoutes } from './crud-controller';

/**
 * The base class of the admin controllers of people who sign in (agents, end
 * users): the CRUD routes, and their sessions end on every gateway (issue 13)
 * when they are disabled or deleted.
 */
export function AdminPersonController<C extends z.ZodType, U extends z.ZodType, P extends z.ZodType<{ disabled?: boolean }>>(routes: CrudRoutes<C, U, P>) {
  abstract class PersonController extends AdminCrudController(routes) {
    protected abstract readonly revocations: SessionRevocations;

    /** Disabled (the flag is stored first, so a sign-in racing this is refused): tokens and sockets end on every gateway. */
    protected override async patched(id: string, input: z.infer<P>): Promise<void> {
      if (input.disabled === true) await this.revocations.revoke(id);
    }

    /** A deleted user's tokens and sockets end on every gateway within seconds. */
    protected override async removed(id: string): Promise<void> {
      await this.revocations.revoke(id);
    }
  }
  return PersonController;
}
