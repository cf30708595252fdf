import { knowledgeArticleCreateSchema, knowledgeArticlePatchSchema, knowledgeArticleUpdateSchema } from '@switchboard/contracts';
import { AdminController } from '../shared/admin-controller.decorator';
import { AdminCrudController } from '../shared/crud-controller';
import { KnowledgeArticlesService } from './knowledge-articles.service';

@AdminController('knowledge-articles', 'resources')
export class KnowledgeArticlesController extends AdminCrudController({
  create: knowledgeArticleCreateSchema,
  update: knowledgeArticleUpdateSchema,
  patch: knowledgeArticlePatchSchema,
  summaries: {
    list: 'Knowledge articles agents search on a session (R15); search: title, text, tags',
    update: 'Replace the knowledge article: every field must be given (a missing one is a 400 that names it); PATCH changes only some',
    patch: 'Change the named fields of the knowledge article; the others keep their values',
  },
}) {
  constructor(protected readonly service: KnowledgeArticlesService) {
    super();
  }
}
