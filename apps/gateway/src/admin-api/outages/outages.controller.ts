import { outageCreateSchema, outageUpdateSchema } from '@switchboard/contracts';
import { AdminController } from '../shared/admin-controller.decorator';
import { AdminCrudController } from '../shared/crud-controller';
import { OutagesService } from './outages.service';

@AdminController('outages', 'resources')
export class OutagesController extends AdminCrudController({
  create: outageCreateSchema,
  update: outageUpdateSchema,
  summaries: { list: 'Knowledge outages agents search on a session (R15); search: title, text, tags' },
}) {
  constructor(protected readonly service: OutagesService) {
    super();
  }
}
