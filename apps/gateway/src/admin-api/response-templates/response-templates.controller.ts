import { responseTemplateCreateSchema, responseTemplatePatchSchema, responseTemplateUpdateSchema } from '@switchboard/contracts';
import { AdminController } from '../shared/admin-controller.decorator';
import { AdminCrudController } from '../shared/crud-controller';
import { ResponseTemplatesService } from './response-templates.service';

@AdminController('response-templates', 'resources')
export class ResponseTemplatesController extends AdminCrudController({
  create: responseTemplateCreateSchema,
  update: responseTemplateUpdateSchema,
  patch: responseTemplatePatchSchema,
  summaries: {
    list: 'Knowledge templates agents search on a session (R15); search: title, text, tags',
    update: 'Replace the response template: every field must be given (a missing one is a 400 that names it); PATCH changes only some',
    patch: 'Change the named fields of the response template; the others keep their values',
  },
}) {
  constructor(protected readonly service: ResponseTemplatesService) {
    super();
  }
}
