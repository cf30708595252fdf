import { inject, Injectable } from '@angular/core';
import { nameForUpload } from '@switchboard/chat-ui';
import { AgentSocket } from '../session/agent-socket';
import { ATTACHMENTS_API } from '../session/client-factory';
import { WrapUpStore } from '../wrap-up/wrap-up-store';
import { ChatsStore } from './chats-store';
import { DraftsStore } from './drafts-store';

/**
 * The session commands of R3-R16 on a chat. The one convention of the
 * console's commands: each resolves with its result or rejects with what the
 * client threw (a CommandError with the gateway's code); the screen that asked
 * says why in words with `describeFailure` (a dialog in its own alert, the chat
 * pane on the chat with ChatsStore.refused).
 */
@Injectable({ providedIn: 'root' })
export class ChatCommands {
  private readonly socket = inject(AgentSocket);
  private readonly chats = inject(ChatsStore);
  private readonly drafts = inject(DraftsStore);
  private readonly attachments = inject(ATTACHMENTS_API);
  private readonly wrapUp = inject(WrapUpStore);

  /** R3: accept from Queue or Transferred; R3.4 the loser gets ALREADY_TAKEN. */
  async accept(sessionId: string): Promise<void> {
    this.chats.accepted(sessionId, await this.socket.need().accept(sessionId));
  }

  /** Issue 15: raise the priority of a chat waiting in the Queue tab. */
  async raisePriority(sessionId: string, priority: number): Promise<void> {
    const ack = await this.socket.need().raisePriority(sessionId, priority);
    this.chats.merge(sessionId, ack.events);
  }

  /**
   * Sends the draft as a reply to the end user, as a side note only agents see (R13), or (issue 16) as a consult
   * only the chat's agents see; a refused draft is put back. Resolves false with nothing to send.
   */
  async send(sessionId: string, as: 'reply' | 'sideNote' | 'consult' = 'reply'): Promise<boolean> {
    const text = this.drafts.draftOf(sessionId).trim();
    if (!text) return false;
    this.drafts.setDraft(sessionId, '');
    try {
      const client = this.socket.need();
      const ack = as === 'sideNote' ? await client.sideNote(sessionId, text) : as === 'consult' ? await client.consult(sessionId, text) : await client.post(sessionId, text);
      this.chats.merge(sessionId, ack.events);
      return true;
    } catch (error) {
      if (!this.drafts.draftOf(sessionId)) this.drafts.setDraft(sessionId, text);
      throw error;
    }
  }

  /** Sends a file or a pasted screenshot to the end user (over HTTP; its AttachmentPosted event comes back in the answer). */
  async sendFile(sessionId: string, file: File): Promise<void> {
    const result = await this.attachments.upload(sessionId, file, nameForUpload(file));
    this.chats.merge(sessionId, result.events);
  }

  /** R5 R7: the agents and support queues the chat can go to. */
  async transferTargets(sessionId: string) {
    return this.socket.need().transferTargets(sessionId);
  }

  /** R5 / R7, with an optional side note for the next agent. */
  async transfer(sessionId: string, target: { kind: 'agent' | 'queue'; id: string }, sideNote?: string): Promise<void> {
    const client = this.socket.need();
    const note = sideNote?.trim() || undefined;
    const ack = target.kind === 'agent' ? await client.transferToAgent(sessionId, target.id, note) : await client.transferToQueue(sessionId, target.id, note);
    this.chats.merge(sessionId, ack.events);
  }

  async release(sessionId: string): Promise<void> {
    this.chats.merge(sessionId, (await this.socket.need().release(sessionId)).events);
  }

  /** R9: `resolveTicket` only with a linked ticket (R9.1). */
  /** R9; issue 14: an end event with a wrap-up starts the wrap-up panel. */
  async end(sessionId: string, resolveTicket?: boolean): Promise<void> {
    const { events } = await this.socket.need().end(sessionId, resolveTicket);
    this.chats.merge(sessionId, events);
    this.wrapUp.ended(sessionId, events);
  }

  /** R10; issue 14: as end() for the wrap-up. */
  async abandon(sessionId: string): Promise<void> {
    const { events } = await this.socket.need().abandon(sessionId);
    this.chats.merge(sessionId, events);
    this.wrapUp.ended(sessionId, events);
  }

  /** Issue 16 (ADR 24), the owner: invite a colleague with an optional note. */
  async invite(sessionId: string, agentId: string, note?: string): Promise<void> {
    const ack = await this.socket.need().invite(sessionId, agentId, note?.trim() || undefined);
    this.chats.merge(sessionId, ack.events);
  }

  /** Issue 16, the owner: withdraw an invitation. */
  async cancelInvite(sessionId: string, agentId: string): Promise<void> {
    this.chats.merge(sessionId, (await this.socket.need().cancelInvite(sessionId, agentId)).events);
  }

  /** Issue 16, the owner: remove a participant. */
  async removeParticipant(sessionId: string, agentId: string): Promise<void> {
    this.chats.merge(sessionId, (await this.socket.need().removeParticipant(sessionId, agentId)).events);
  }

  /** Issue 16, a participant: leave the chat (it leaves My Chats). */
  async leave(sessionId: string): Promise<void> {
    this.chats.merge(sessionId, (await this.socket.need().leaveChat(sessionId)).events);
  }

  /** Issue 16, a supervisor of the chat's queue: join the conversation visibly (it opens as an accepted chat). */
  async bargeIn(sessionId: string): Promise<void> {
    this.chats.accepted(sessionId, await this.socket.need().bargeIn(sessionId));
  }

  /** R14: resolves with the new ticket's id. */
  async createTicket(sessionId: string, summary: string): Promise<string> {
    const data = await this.socket.need().createTicket(sessionId, summary);
    this.chats.merge(sessionId, data.events);
    void this.chats.loadSidePanels(sessionId, true);
    return data.ticketId;
  }

  /** R16: resolves with the remote-control console's link. */
  async requestControl(sessionId: string, assetId?: string): Promise<string> {
    const data = await this.socket.need().requestControl(sessionId, assetId);
    this.chats.merge(sessionId, data.events);
    return data.url;
  }
}
