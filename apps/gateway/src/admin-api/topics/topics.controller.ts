import { topicCreateSchema, topicPatchSchema, topicUpdateSchema } from '@switchboard/contracts';
import { AdminController } from '../shared/admin-controller.decorator';
import { AdminCrudController } from '../shared/crud-controller';
import { TopicsService } from './topics.service';

@AdminController('topics', 'topics')
export class TopicsController extends AdminCrudController({
  create: topicCreateSchema,
  update: topicUpdateSchema,
  patch: topicPatchSchema,
  summaries: {
    list: 'Topics end users pick, each mapped to a support queue',
    create: 'Create a topic; its queue must exist (UNKNOWN_QUEUE)',
    update: 'Replace the topic: every field must be given (a missing one is a 400 that names it); PATCH changes only some',
    patch: 'Change the named fields of the topic; the others keep their values',
  },
}) {
  constructor(protected readonly service: TopicsService) {
    super();
  }
}
