import { DatePipe, SlicePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import type { KnowledgeArticleView, OutageView, ResponseTemplateView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { CrudActions } from '../shared/crud-page';
import { ListTable } from '../shared/list-table/list-table';
import { PageHeader } from '../shared/page-header/page-header';
import { PagedList } from '../shared/paged-list';
import { ArticleDialog, OutageDialog, TemplateDialog } from './resource-dialogs';

/** `scheduled`, `active` or `ended`, for the outage's label. */
export function outageState(outage: OutageView, now = Date.now()): 'scheduled' | 'active' | 'ended' {
  if (outage.active) return 'active';
  return Date.parse(outage.startsAt) > now ? 'scheduled' : 'ended';
}

@Component({
  selector: 'sb-resources-page',
  imports: [DatePipe, ListTable, MatTableModule, MatTabsModule, PageHeader, SlicePipe],
  templateUrl: './resources-page.html',
  styles: `
    .excerpt { max-width: 60ch; }
    mat-tab-group { margin-top: -8px; }
    .tab-body { padding-top: 20px; }
  `,
  host: { class: 'sb-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResourcesPage {
  private readonly api = inject(AdminApi);
  protected readonly outageState = outageState;
  protected readonly title = (resource: { title: string }) => resource.title;

  protected readonly articles = new PagedList<KnowledgeArticleView>((p) => this.api.knowledgeArticles.list(p));
  protected readonly templates = new PagedList<ResponseTemplateView>((p) => this.api.responseTemplates.list(p));
  protected readonly outages = new PagedList<OutageView>((p) => this.api.outages.list(p));
  private readonly articleActions = new CrudActions(this.articles, (a) => `Article \u201c${a.title}\u201d`);
  private readonly templateActions = new CrudActions(this.templates, (t) => `Template \u201c${t.title}\u201d`);
  private readonly outageActions = new CrudActions(this.outages, (o) => `Outage \u201c${o.title}\u201d`);

  protected editArticle(article?: KnowledgeArticleView): void {
    this.articleActions.open(ArticleDialog, { article }, (saved) => `Article \u201c${saved.title}\u201d ${article ? 'saved' : 'published to agents'}.`);
  }

  protected removeArticle(article: KnowledgeArticleView): void {
    this.articleActions.remove(article, { title: 'Delete this article?', message: `\u201c${article.title}\u201d will no longer be found by agents.`, confirm: 'Delete article' }, () =>
      this.api.knowledgeArticles.remove(article.id),
    );
  }

  protected editTemplate(template?: ResponseTemplateView): void {
    this.templateActions.open(TemplateDialog, { template }, (saved) => `Template \u201c${saved.title}\u201d ${template ? 'saved' : 'created'}.`);
  }

  protected removeTemplate(template: ResponseTemplateView): void {
    this.templateActions.remove(template, { title: 'Delete this template?', message: `Agents can no longer send \u201c${template.title}\u201d.`, confirm: 'Delete template' }, () =>
      this.api.responseTemplates.remove(template.id),
    );
  }

  protected editOutage(outage?: OutageView): void {
    this.outageActions.open(OutageDialog, { outage }, (saved) => `Outage \u201c${saved.title}\u201d ${outage ? 'saved' : 'reported to agents'}.`);
  }

  protected removeOutage(outage: OutageView): void {
    this.outageActions.remove(outage, { title: 'Delete this outage?', message: `\u201c${outage.title}\u201d disappears from the agents\u2019 Resources tab.`, confirm: 'Delete outage' }, () =>
      this.api.outages.remove(outage.id),
    );
  }
}
