import { Inject } from '@nestjs/common';
import { agentCreateSchema, agentPatchSchema, agentUpdateSchema } from '@switchboard/contracts';
import { SessionRevocations } from '../../identity/revocation/session-revocations';
import { AdminController } from '../shared/admin-controller.decorator';
import { AdminPersonController } from '../shared/person-controller';
import { AgentsService } from './agents.service';

@AdminController('agents', 'agents')
export class AgentsController extends AdminPersonController({
  create: agentCreateSchema,
  update: agentUpdateSchema,
  patch: agentPatchSchema,
  summaries: {
    list: 'Agent profiles: name, queues, companies, cap (presence and load: the live dashboard)',
    create: 'Create an agent profile; queues and companies must exist',
    update: 'Replace the agent: every field must be given (a missing one is a 400 that names it); PATCH changes only some',
    patch:
      'Change the named fields of the agent; the others keep their values. `disabled: true` ends their sessions on every gateway and refuses their sign-in (403 ACCOUNT_DISABLED); `false` lets them sign in again',
  },
}) {
  constructor(
    protected readonly service: AgentsService,
    @Inject(SessionRevocations) protected readonly revocations: SessionRevocations,
  ) {
    super();
  }
}
