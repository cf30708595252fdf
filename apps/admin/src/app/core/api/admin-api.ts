import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AttachmentLink,
  AgentView,
  CompanyView,
  EndUserView,
  KnowledgeArticleView,
  OutageView,
  Page,
  QueueCreate,
  QueueUpdate,
  QueueView,
  ResponseTemplateView,
  SessionDetailView,
  SessionHistoryPageView,
  SessionSummaryView,
  SettingsView,
  TopicView,
} from '@switchboard/contracts';
import type { Observable } from 'rxjs';

export interface ListParams {
  q?: string;
  page?: number;
  pageSize?: number;
  [filter: string]: string | number | undefined;
}

function params(query: ListParams): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') result = result.set(key, String(value));
  }
  return result;
}

/** One admin REST resource: list (search, paging), read, create, change, delete. */
export class ResourceClient<View, Create = Partial<View>, Update = Partial<Create>> {
  constructor(
    private readonly http: HttpClient,
    readonly path: string,
  ) {}

  list(query: ListParams = {}): Observable<Page<View>> {
    return this.http.get<Page<View>>(this.path, { params: params(query) });
  }

  get(id: string): Observable<View> {
    return this.http.get<View>(`${this.path}/${encodeURIComponent(id)}`);
  }

  create(body: Create): Observable<View> {
    return this.http.post<View>(this.path, body);
  }

  update(id: string, body: Update): Observable<View> {
    return this.http.put<View>(`${this.path}/${encodeURIComponent(id)}`, body);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${this.path}/${encodeURIComponent(id)}`);
  }

  /** PATCH: only the named fields change (e.g. `{ disabled: true }` for agents and end users). */
  patch(id: string, body: Update): Observable<View> {
    return this.http.patch<View>(`${this.path}/${encodeURIComponent(id)}`, body);
  }
}

/** The gateway's admin REST API (`/api/admin`, OpenAPI at `/api/docs`). */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  readonly queues = new ResourceClient<QueueView, QueueCreate, QueueUpdate>(this.http, '/api/admin/queues');
  readonly topics = new ResourceClient<TopicView>(this.http, '/api/admin/topics');
  readonly agents = new ResourceClient<AgentView>(this.http, '/api/admin/agents');
  readonly companies = new ResourceClient<CompanyView>(this.http, '/api/admin/companies');
  readonly endUsers = new ResourceClient<EndUserView>(this.http, '/api/admin/end-users');
  readonly knowledgeArticles = new ResourceClient<KnowledgeArticleView>(this.http, '/api/admin/knowledge-articles');
  readonly responseTemplates = new ResourceClient<ResponseTemplateView>(this.http, '/api/admin/response-templates');
  readonly outages = new ResourceClient<OutageView, Partial<OutageView>, Partial<Omit<OutageView, 'endsAt'>> & { endsAt?: string | null }>(
    this.http,
    '/api/admin/outages',
  );
  readonly sessions = new ResourceClient<SessionSummaryView>(this.http, '/api/admin/sessions');

  settings(): Observable<SettingsView> {
    return this.http.get<SettingsView>('/api/admin/settings');
  }

  saveSettings(change: Partial<SettingsView>): Observable<SettingsView> {
    return this.http.put<SettingsView>('/api/admin/settings', change);
  }

  session(id: string): Observable<SessionDetailView> {
    return this.http.get<SessionDetailView>(`/api/admin/sessions/${encodeURIComponent(id)}`);
  }

  /** A signed link to one of a chat's files (administrators may open every chat's files). */
  attachmentLink(sessionId: string, attachmentId: string): Observable<AttachmentLink> {
    return this.http.get<AttachmentLink>(`/api/sessions/${encodeURIComponent(sessionId)}/attachments/${encodeURIComponent(attachmentId)}/link`);
  }

  /** R17: a page of a chat record's history, oldest first: the entries before `beforeSeq`, at most `limit` (1..100). */
  sessionHistory(id: string, page: { beforeSeq?: number; limit?: number } = {}): Observable<SessionHistoryPageView> {
    let params = new HttpParams();
    if (page.beforeSeq !== undefined) params = params.set('beforeSeq', page.beforeSeq);
    if (page.limit !== undefined) params = params.set('limit', page.limit);
    return this.http.get<SessionHistoryPageView>(`/api/admin/sessions/${encodeURIComponent(id)}/history`, { params });
  }

  forceClose(id: string, comment: string): Observable<SessionDetailView> {
    return this.http.post<SessionDetailView>(`/api/admin/sessions/${encodeURIComponent(id)}/force-close`, comment ? { comment } : {});
  }
}
