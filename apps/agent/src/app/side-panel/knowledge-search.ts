import { inject, Injectable } from '@angular/core';
import type { KnowledgeArticle } from '@switchboard/contracts';
import { AgentSocket } from '../session/agent-socket';

/** R15: the knowledge base search of the side panel. */
@Injectable({ providedIn: 'root' })
export class KnowledgeSearch {
  private readonly socket = inject(AgentSocket);

  async search(query: string): Promise<KnowledgeArticle[]> {
    return (await this.socket.need().searchKnowledge(query)).articles;
  }
}
