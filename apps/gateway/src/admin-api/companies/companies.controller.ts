import { companyCreateSchema, companyPatchSchema, companyUpdateSchema } from '@switchboard/contracts';
import { AdminController } from '../shared/admin-controller.decorator';
import { AdminCrudController } from '../shared/crud-controller';
import { CompaniesService } from './companies.service';

@AdminController('companies', 'companies')
export class CompaniesController extends AdminCrudController({
  create: companyCreateSchema,
  update: companyUpdateSchema,
  patch: companyPatchSchema,
  summaries: {
    list: 'Customer companies (search: id, name, email domain)',
    update: 'Replace the company: every field must be given (a missing one is a 400 that names it); PATCH changes only some',
    patch: 'Change the named fields of the company; the others keep their values',
    remove: 'Delete a company without end users (COMPANY_IN_USE otherwise)',
  },
}) {
  constructor(protected readonly service: CompaniesService) {
    super();
  }
}
