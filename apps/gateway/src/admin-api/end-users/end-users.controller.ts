import { Inject } from '@nestjs/common';
import { endUserCreateSchema, endUserPatchSchema, endUserUpdateSchema } from '@switchboard/contracts';
import { SessionRevocations } from '../../identity/revocation/session-revocations';
import { AdminController } from '../shared/admin-controller.decorator';
import { AdminPersonController } from '../shared/person-controller';
import { EndUsersService } from './end-users.service';

@AdminController('end-users', 'end users')
export class EndUsersController extends AdminPersonController({
  create: endUserCreateSchema,
  update: endUserUpdateSchema,
  patch: endUserPatchSchema,
  summaries: {
    list: 'End users (search: id, name, email, company, site)',
    create: 'Create an end user; the company must exist (UNKNOWN_COMPANY)',
    update: 'Replace the end user: every field must be given (a missing one is a 400 that names it); PATCH changes only some',
    patch:
      'Change the named fields of the end user; the others keep their values. `disabled: true` ends their sessions on every gateway and refuses their sign-in (403 ACCOUNT_DISABLED); `false` lets them sign in again',
  },
}) {
  constructor(
    protected readonly service: EndUsersService,
    @Inject(SessionRevocations) protected readonly revocations: SessionRevocations,
  ) {
    super();
  }
}
