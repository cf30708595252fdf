import {
  type AgentSettingsFrame,
  type Board,
  type ChatReceipts,
  type ReceiptSide,
  type TypingFrame,
  DEFAULT_MAX_FRAME_BYTES,
  helloFrameSchema,
  replyDataSchemas,
  replyFrameSchema,
  serverFrameSchema,
  type CommandPayload,
  type CommandType,
  type HelloFrame,
  type ListsChangedFrame,
  type ListsSnapshotFrame,
  type QueuePositionFrame,
  type ReplyData,
  type ReplyFrame,
  type SessionEventFrame,
  type SessionEventView,
  type SessionSummary,
  type WsError,
} from '@switchboard/contracts';
import { CommandError } from './command-error';
import { SessionTracker } from './session-tracker';
import { ReceiptTracker } from './receipts';
import { resolveWebSocket, WS_OPEN, type WebSocketConstructor, type WebSocketLike } from './web-socket';

export type CommandResult<T extends CommandType> = { ok: true; data: ReplyData<T> } | { ok: false; error: WsError };

export { CommandError };

export interface SwitchboardClientOptions {
  /** `ws://host:port/ws` */
  url: string;
  /** The bearer token, or a function giving a fresh one (called before each connect). */
  token: string | (() => string | Promise<string>);
  /** WebSocket implementation; default: the global one (browsers, Node 22), else the `ws` package. */
  WebSocket?: WebSocketConstructor;
  /** A command without a reply after this long fails with TIMEOUT. Default: the server's own limit (hello) plus 5 s. */
  requestTimeoutMs?: number;
  /** Reconnect after an unexpected close, with exponential backoff. Default true. */
  reconnect?: boolean;
  reconnectMinDelayMs?: number;
  reconnectMaxDelayMs?: number;
  /**
   * A command that waits this long while not one frame came from the gateway
   * means the connection is dead (a gateway cut off by the network sends no
   * close, and the socket would wait for TCP to give up, minutes): the client
   * drops it and reconnects, and the command goes out again with its
   * clientId. Default: the server's command limit (hello), by when a live
   * gateway has answered, if only with TIMEOUT.
   */
  silenceTimeoutMs?: number;
}

/** Events a client can subscribe to. */
export interface ClientEvents {
  hello: HelloFrame;
  /** A session event, delivered once per seq and in seq order (gaps are filled by resume). */
  'session.event': SessionEventFrame;
  'lists.snapshot': ListsSnapshotFrame;
  'lists.changed': ListsChangedFrame;
  /** End users: the place of their waiting session in its queue (1: next). */
  'session.queuePosition': QueuePositionFrame;
  /** Agents: the settings their console acts on changed (hello carried them at connecting). */
  'agent.settings': AgentSettingsFrame;
  /** An `error` frame (a frame the server could not tie to a command). */
  'protocol.error': WsError;
  /** The socket closed; `willReconnect` says whether the client tries again. */
  disconnected: { code: number; reason: string; willReconnect: boolean };
  /** Reconnected and resumed every followed session. */
  resumed: { sessions: number };
  /**
   * A resume could bring only the most recent events of a session (more than
   * HISTORY_PAGE_MAX were missed): events below `firstSeq` after the last one
   * delivered were skipped. What a screen holds of the session older than
   * `firstSeq` is no longer contiguous with what follows; read the older
   * events with `history(sessionId, { beforeSeq: firstSeq })`. Emitted before
   * the page's events are delivered.
   */
  'session.gap': { sessionId: string; firstSeq: number };
  /** Issue 17: the other side of a chat is typing (show it for TYPING_SHOW_MS, or until its next message). */
  'session.typing': TypingFrame;
  /** Issue 17: a chat's receipts went further (both sides, merged: marks only grow). */
  'session.receipts': { sessionId: string; receipts: ChatReceipts };
  /** Issue 16, supervisors who follow the board: the whole board again (ADR 25); after a reconnect, the board as it is then. */
  board: Board;
}

type Listener<T> = (value: T) => void;

interface Pending {
  type: CommandType;
  frame: string;
  resolve: (result: CommandResult<CommandType>) => void;
  timer: ReturnType<typeof setTimeout>;
}

const CLOSE_NO_RETRY = new Set([4401, 4403]);

/**
 * Typed client of the Switchboard WebSocket protocol (docs/protocol/websocket.md),
 * for browsers and Node. Every command gets exactly one result; commands
 * unanswered when the connection drops are sent again with the same clientId
 * after reconnecting (idempotent on the server). Session events reach
 * subscribers once each and in seq order; after a reconnect or a gap the
 * client resumes each followed session from the last seq it delivered.
 */
export class SwitchboardClient {
  /** Protected for the testing entry point's dropConnection (tests of reconnect); nothing else reaches it. */
  protected socket?: WebSocketLike;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Map<keyof ClientEvents, Set<Listener<never>>>();
  private readonly tracker: SessionTracker;
  /** Issue 16: the board was followed (followBoard) and not unfollowed: follow it again after a reconnect. */
  private boardFollowed = false;
  private readonly receiptTracker: ReceiptTracker;
  private closedByUser = false;
  private attempt = 0;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private counter = 0;
  private readonly idPrefix = randomId();
  /** The last hello (principal, limits). */
  hello?: HelloFrame;
  /** The socket that sent the last hello: a new socket is open before its hello, and a command sent then would go out twice (now and after the hello). */
  private greeted?: WebSocketLike;
  /** When the last frame of any kind arrived (liveness, `silenceTimeoutMs`). */
  private lastFrameAt = 0;
  private silenceTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly options: SwitchboardClientOptions) {
    this.receiptTracker = new ReceiptTracker({
      send: (sessionId, mark) => this.command('session.receipt', { sessionId, ...mark }),
      typing: (sessionId) => void this.command('session.typing', { sessionId }),
      changed: (sessionId, receipts) => this.emit('session.receipts', { sessionId, receipts }),
      now: () => Date.now(),
    });
    this.tracker = new SessionTracker({
      deliver: (frame) => {
        this.emit('session.event', frame);
        // Issue 17: this client has the event (delivered), told to the other side.
        this.receiptTracker.side(frame.sessionId, this.sideIn(frame.session));
        this.receiptTracker.delivered(frame.sessionId, frame.seq);
      },
      resume: async (sessionId, afterSeq) => {
        const result = await this.command('session.resume', { sessionId, afterSeq });
        if (result.ok) {
          this.receiptTracker.side(sessionId, this.sideIn(result.data.session));
          // Everything up to lastSeq is this client's once the resume is delivered.
          this.receiptTracker.delivered(sessionId, result.data.lastSeq);
          if (result.data.receipts) this.receiptTracker.merge(sessionId, result.data.receipts, { resumed: true });
        }
        return result;
      },
      gap: (sessionId, firstSeq) => this.emit('session.gap', { sessionId, firstSeq }),
    });
  }

  /** Opens the connection; resolves with the server's hello, rejects on an unauthorized or failed handshake. */
  async connect(): Promise<HelloFrame> {
    this.closedByUser = false;
    const Ctor = await resolveWebSocket(this.options.WebSocket);
    const token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
    const url = `${this.options.url}${this.options.url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
    return new Promise<HelloFrame>((resolve, reject) => {
      const socket = new Ctor(url);
      this.socket = socket;
      let greeted = false;
      socket.onmessage = (event) => {
        this.lastFrameAt = Date.now();
        const frame = parse(event.data);
        if (!frame) return;
        if (!greeted) {
          if (frame['type'] === 'hello') {
            greeted = true;
            this.hello = helloFrameSchema.parse(frame);
            this.greeted = socket;
            this.attempt = 0;
            resolve(this.hello);
            this.emit('hello', this.hello);
            this.afterConnect();
            return;
          }
          if (frame['type'] === 'error') {
            const error = frame['error'] as WsError;
            reject(new CommandError(error.code, error.message));
            return;
          }
        }
        this.onFrame(frame);
      };
      socket.onerror = () => {
        if (!greeted) reject(new CommandError('UNAVAILABLE', `Could not connect to ${this.options.url}`));
      };
      socket.onclose = (event) => {
        if (this.socket !== socket) return;
        if (!greeted) {
          // connect()'s caller (or the reconnect loop) decides what happens next.
          reject(new CommandError(event.code === 4401 ? 'UNAUTHORIZED' : 'UNAVAILABLE', event.reason || `closed with ${event.code}`));
          return;
        }
        // An expired token ends the connection, unless the token comes from a function that can give a fresh one (refresh).
        const renewable = event.code === 4403 && typeof this.options.token === 'function';
        const noRetry = this.closedByUser || this.options.reconnect === false || (CLOSE_NO_RETRY.has(event.code) && !renewable);
        this.emit('disconnected', { code: event.code, reason: event.reason, willReconnect: !noRetry });
        if (noRetry) this.failPending('UNAVAILABLE', 'The connection is closed.');
        else this.scheduleReconnect();
      };
    });
  }

  /** Closes for good: no reconnect; unanswered commands fail with UNAVAILABLE. */
  close(): void {
    this.closedByUser = true;
    clearTimeout(this.reconnectTimer);
    this.stopWatchingSilence();
    this.socket?.close(1000, 'bye');
    this.failPending('UNAVAILABLE', 'The client was closed.');
  }

  get connected(): boolean {
    return this.socket !== undefined && this.socket.readyState === WS_OPEN && this.hello !== undefined && this.greeted === this.socket;
  }

  on<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /**
   * Sends one command and resolves with its one result (never throws for a
   * refusal). `clientId` defaults to a fresh unique id; pass the same one to
   * retry a command idempotently.
   */
  command<T extends CommandType>(type: T, payload: CommandPayload<T>, options: { clientId?: string; timeoutMs?: number } = {}): Promise<CommandResult<T>> {
    const clientId = options.clientId ?? this.nextClientId();
    const frame = JSON.stringify({ ...payload, type, clientId });
    // The gateway answers an oversized frame with an error frame naming no clientId: refuse it here, typed.
    const tooLarge = oversized(frame, this.maxFrameBytes);
    if (tooLarge) return Promise.resolve({ ok: false, error: tooLarge });
    return this.send(type, clientId, frame, options.timeoutMs) as Promise<CommandResult<T>>;
  }

  /** Sends a frame and resolves with the reply carrying its `clientId` (or a timeout). */
  private send(type: CommandType, clientId: string, frame: string, timeoutMs?: number): Promise<CommandResult<CommandType>> {
    const existing = this.pending.get(clientId);
    if (existing) return new Promise((resolve) => resolve({ ok: false, error: { code: 'DUPLICATE_CLIENT_ID', message: 'A command with this clientId is pending.' } }));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(clientId);
        resolve({ ok: false, error: { code: 'TIMEOUT', message: `No reply to ${type} within ${timeoutMs ?? this.timeoutMs} ms` } });
      }, timeoutMs ?? this.timeoutMs);
      this.pending.set(clientId, { type, frame, resolve, timer });
      if (this.connected) {
        this.socket!.send(frame);
        this.watchSilence();
      }
      // Otherwise it goes out after the next hello.
    });
  }

  /** Follows a session from `lastSeq`: its events are delivered in order from there, and resumed after reconnects. */
  follow(sessionId: string, lastSeq: number): void {
    this.tracker.follow(sessionId, lastSeq);
  }

  unfollow(sessionId: string): void {
    this.tracker.unfollow(sessionId);
    this.receiptTracker.forget(sessionId);
  }

  // ---- issue 17: typing, receipts, rating ----

  /** The user is typing in a chat: sent at most once per TYPING_THROTTLE_MS (true when this call sent one). */
  typing(sessionId: string): boolean {
    return this.receiptTracker.typing(sessionId);
  }

  /** The events of a chat up to `seq` are on screen now (sent as `seen`, only when it went further). */
  markSeen(sessionId: string, seq: number): void {
    this.receiptTracker.seen(sessionId, seq);
  }

  /** What both sides of a chat reached, as far as this client knows (marks only grow). */
  receipts(sessionId: string): ChatReceipts {
    return this.receiptTracker.receipts(sessionId);
  }

  /** The end user's satisfaction rating of their ended chat (1 to 5, an optional comment), once. */
  rate(sessionId: string, score: number, comment?: string) {
    const text = comment?.trim();
    return this.ok(this.command('session.rate', { sessionId, score, ...(text ? { comment: text } : {}) }));
  }

  /** Which side of a chat this client is on, by the summary (undefined: neither). */
  private sideIn(session: { endUserId: string; ownerAgentId?: string }): ReceiptSide | undefined {
    const me = this.hello?.principal;
    if (!me) return undefined;
    if (me.role === 'endUser' && session.endUserId === me.id) return 'endUser';
    if (me.role === 'agent' && session.ownerAgentId === me.id) return 'agent';
    return undefined;
  }

  /** A chat followed from a reply that carried its page up to `version`: that much is delivered. */
  private followFrom(session: { sessionId: string; version: number; endUserId: string; ownerAgentId?: string }): void {
    this.tracker.follow(session.sessionId, session.version);
    this.receiptTracker.side(session.sessionId, this.sideIn(session));
    this.receiptTracker.delivered(session.sessionId, session.version);
  }

  /** The highest seq delivered for a session. */
  lastSeq(sessionId: string): number | undefined {
    return this.tracker.lastSeq(sessionId);
  }

  // ---- typed helpers: resolve with the data, throw CommandError on refusal ----

  async startSession(description: string, topic?: string, clientId?: string) {
    const data = await this.ok(this.command('session.start', topic === undefined ? { description } : { description, topic }, { clientId }));
    this.followFrom(data.session);
    return data;
  }

  async currentSession() {
    const data = await this.ok(this.command('session.current', {}));
    if (data.session) this.followFrom(data.session);
    return data.session;
  }

  post(sessionId: string, text: string) {
    return this.ok(this.command('session.post', { sessionId, text }));
  }

  cancel(sessionId: string) {
    return this.ok(this.command('session.cancel', { sessionId }));
  }

  /** Issue 15: leave a message instead of chatting (offered when the start was answered `QUEUE_CLOSED`); the session is closed at once. */
  async leaveMessageInstead(description: string, topic?: string, clientId?: string) {
    return this.ok(this.command('session.start', { description, leaveMessage: true, ...(topic === undefined ? {} : { topic }) }, { clientId }));
  }

  /** Issue 15: on a chat still waiting, leave a message (a ticket) instead; the chat closes. */
  leaveMessage(sessionId: string, text?: string) {
    return this.ok(this.command('session.leaveMessage', text === undefined ? { sessionId } : { sessionId, text }));
  }

  /** Issue 15: after a long wait, keep waiting. */
  keepWaiting(sessionId: string) {
    return this.ok(this.command('session.keepWaiting', { sessionId }));
  }

  /** The events after `afterSeq` (at most HISTORY_PAGE_MAX, the most recent; `hasOlder`: more were missed) and the summary. */
  resume(sessionId: string, afterSeq: number) {
    return this.ok(this.command('session.resume', { sessionId, afterSeq }));
  }

  /**
   * A page of a session's history, oldest first: the events before
   * `beforeSeq` (default: the newest), at most `limit` (1..HISTORY_PAGE_MAX,
   * default HISTORY_PAGE_DEFAULT). `hasOlder`: more exist before the first;
   * ask again with `beforeSeq` = the first one's seq. End users get no side notes (R13).
   */
  history(sessionId: string, page: { beforeSeq?: number; limit?: number } = {}) {
    return this.ok(
      this.command('session.history', {
        sessionId,
        ...(page.beforeSeq === undefined ? {} : { beforeSeq: page.beforeSeq }),
        ...(page.limit === undefined ? {} : { limit: page.limit }),
      }),
    );
  }

  /** The agent's lists now, at most 100 rows each from `offset` (section 3 of the protocol). */
  lists(offset?: number) {
    return this.ok(this.command('agent.lists', offset === undefined ? {} : { offset }));
  }

  async accept(sessionId: string) {
    const data = await this.ok(this.command('session.accept', { sessionId }));
    this.followFrom(data.session);
    return data;
  }

  /** Issue 14: takes the chat offered to this agent (a `ChatOffered` event named them); answered like accept() and followed from there. */
  async acceptOffer(sessionId: string) {
    const data = await this.ok(this.command('session.acceptOffer', { sessionId }));
    this.followFrom(data.session);
    return data;
  }

  /** Issue 14: passes on the chat offered to this agent, with one of declineReasons(). */
  /** Issue 15: raise a waiting chat's priority (only upwards, 1 to 3); the ack carries PriorityRaised. */
  raisePriority(sessionId: string, priority: number) {
    return this.ok(this.command('session.raisePriority', { sessionId, priority }));
  }

  declineOffer(sessionId: string, reason: string) {
    return this.ok(this.command('session.declineOffer', { sessionId, reason }));
  }

  /** Issue 14: the reasons an agent may give when declining an offer (the administrator's list, at most 20). */
  async declineReasons(): Promise<string[]> {
    return (await this.ok(this.command('session.declineReasons', {}))).reasons;
  }

  /** Issue 14, wrap-up: the disposition of a chat this agent ended or abandoned, one of dispositionCodes() (once; DISPOSITION_NOT_OPEN otherwise). */
  recordDisposition(sessionId: string, code: string) {
    return this.ok(this.command('session.disposition', { sessionId, code }));
  }

  /** Issue 14: the disposition codes an agent picks from during wrap-up (the administrator's list, at most 20). */
  async dispositionCodes(): Promise<string[]> {
    return (await this.ok(this.command('session.dispositionCodes', {}))).codes;
  }

  sideNote(sessionId: string, text: string) {
    return this.ok(this.command('session.sideNote', { sessionId, text }));
  }

  transferTargets(sessionId: string) {
    return this.ok(this.command('session.transferTargets', { sessionId }));
  }

  transferToAgent(sessionId: string, targetAgentId: string, sideNote?: string) {
    return this.ok(this.command('session.transferToAgent', { sessionId, targetAgentId, ...(sideNote ? { sideNote } : {}) }));
  }

  transferToQueue(sessionId: string, queue: string, sideNote?: string) {
    return this.ok(this.command('session.transferToQueue', { sessionId, queue, ...(sideNote ? { sideNote } : {}) }));
  }

  release(sessionId: string) {
    return this.ok(this.command('session.release', { sessionId }));
  }

  end(sessionId: string, resolveTicket?: boolean) {
    return this.ok(this.command('session.end', resolveTicket === undefined ? { sessionId } : { sessionId, resolveTicket }));
  }

  abandon(sessionId: string) {
    return this.ok(this.command('session.abandon', { sessionId }));
  }

  createTicket(sessionId: string, summary: string) {
    return this.ok(this.command('session.createTicket', { sessionId, summary }));
  }

  requestControl(sessionId: string, assetId?: string) {
    return this.ok(this.command('session.requestControl', assetId ? { sessionId, assetId } : { sessionId }));
  }

  customerInfo(sessionId: string) {
    return this.ok(this.command('session.customerInfo', { sessionId }));
  }

  resources(sessionId: string) {
    return this.ok(this.command('session.resources', { sessionId }));
  }

  searchKnowledge(query: string) {
    return this.ok(this.command('knowledge.search', { query }));
  }

  setPresence(presence: 'online' | 'away') {
    return this.ok(this.command('presence.set', { presence }));
  }

  presence() {
    return this.ok(this.command('presence.get', {}));
  }

  topics() {
    return this.ok(this.command('topics.list', {}));
  }

  /** Issue 16, a supervisor: watch a chat of a queue you supervise, read-only and live (its events come as session.event); the end user is not told. */
  async monitor(sessionId: string) {
    const data = await this.ok(this.command('session.monitor', { sessionId }));
    this.tracker.follow(sessionId, data.lastSeq);
    return data;
  }

  /** Issue 16: stop watching a chat. */
  unmonitor(sessionId: string) {
    this.tracker.unfollow(sessionId);
    return this.ok(this.command('session.unmonitor', { sessionId }));
  }

  /** Issue 16, a supervisor: the board of the queues you supervise (ADR 25); its changes come as `board` events, also after a reconnect, until unfollowBoard(). */
  async followBoard(): Promise<Board> {
    this.boardFollowed = true;
    const board = await this.ok(this.command('board.follow', {}));
    this.emit('board', board);
    return board;
  }

  /** Issue 16: stop the board's frames. */
  unfollowBoard() {
    this.boardFollowed = false;
    return this.ok(this.command('board.unfollow', {}));
  }

  /** Issue 16, a supervisor: a note to the owning agent only. */
  whisper(sessionId: string, text: string) {
    return this.ok(this.command('session.whisper', { sessionId, text }));
  }

  /** Issue 16, the owning agent: ask the supervisors of the chat's queue for help. */
  raiseHelp(sessionId: string, note?: string) {
    return this.ok(this.command('session.raiseHelp', note ? { sessionId, note } : { sessionId }));
  }

  /** Issue 16, the owning agent or a supervisor of the queue: lower the help flag. */
  lowerHelp(sessionId: string) {
    return this.ok(this.command('session.lowerHelp', { sessionId }));
  }

  /** Issue 16, a supervisor: the chat becomes yours (`fromAgentId`: the owner you saw); answered like accept() and followed from there. */
  async takeOver(sessionId: string, fromAgentId: string) {
    const data = await this.ok(this.command('session.takeOver', { sessionId, fromAgentId }));
    this.tracker.follow(sessionId, data.session.version);
    return data;
  }

  /** Issue 16 (ADR 24), the owner: invite a colleague into the chat (with an optional note). */
  invite(sessionId: string, agentId: string, note?: string) {
    return this.ok(this.command('session.invite', note ? { sessionId, agentId, note } : { sessionId, agentId }));
  }

  /** Issue 16, the invited agent: join; answered like accept() (history, customer, resources) and followed from there. */
  async acceptInvite(sessionId: string) {
    const data = await this.ok(this.command('session.acceptInvite', { sessionId }));
    this.tracker.follow(sessionId, data.session.version);
    return data;
  }

  /** Issue 16, the invited agent: do not join. */
  declineInvite(sessionId: string) {
    return this.ok(this.command('session.declineInvite', { sessionId }));
  }

  /** Issue 16, the owner: withdraw the invitation of `agentId`. */
  cancelInvite(sessionId: string, agentId: string) {
    return this.ok(this.command('session.cancelInvite', { sessionId, agentId }));
  }

  /** Issue 16, a supervisor of the chat's queue: join the conversation visibly; answered like accept(). */
  async bargeIn(sessionId: string) {
    const data = await this.ok(this.command('session.bargeIn', { sessionId }));
    this.tracker.follow(sessionId, data.session.version);
    return data;
  }

  /** Issue 16, the owner or a participant: a message only the agents of the chat see. */
  consult(sessionId: string, text: string) {
    return this.ok(this.command('session.consult', { sessionId, text }));
  }

  /** Issue 16, a participant: leave the chat. */
  leaveChat(sessionId: string) {
    this.tracker.unfollow(sessionId);
    return this.ok(this.command('session.leave', { sessionId }));
  }

  /** Issue 16, the owner: remove participant `agentId`. */
  removeParticipant(sessionId: string, agentId: string) {
    return this.ok(this.command('session.removeParticipant', { sessionId, agentId }));
  }

  /** Issue 16: the invitations waiting for you (the Invites tab). */
  invites() {
    return this.ok(this.command('invites.list', {}));
  }

  /** The largest frame the gateway reads: from its hello, or its documented default before the first hello. */
  get maxFrameBytes(): number {
    return this.hello?.limits.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  }

  // ---- internals ----

  private get timeoutMs(): number {
    // A little longer than the server's limit, so the server's typed TIMEOUT arrives first.
    return this.options.requestTimeoutMs ?? (this.hello ? this.hello.limits.requestTimeoutMs + 5000 : 20_000);
  }

  private async ok<T extends CommandType>(result: Promise<CommandResult<T>>): Promise<ReplyData<T>> {
    const r = await result;
    if (!r.ok) throw new CommandError(r.error.code, r.error.message, r.error.details);
    return r.data;
  }

  private nextClientId(): string {
    return `${this.idPrefix}-${(++this.counter).toString(36)}`;
  }

  /** Every server frame is read through its schema (libs/contracts): what reaches listeners is what the contract says. */
  private onFrame(raw: Record<string, unknown>): void {
    if (raw['type'] === 'reply') {
      const reply = replyFrameSchema.safeParse(raw);
      if (reply.success) this.onReply(reply.data);
      else this.unreadable(raw);
      return;
    }
    const parsed = serverFrameSchema.safeParse(raw);
    if (!parsed.success) {
      this.unreadable(raw);
      return;
    }
    const frame = parsed.data;
    switch (frame.type) {
      case 'session.event':
        this.tracker.receive(frame);
        return;
      case 'lists.snapshot':
        this.emit('lists.snapshot', frame);
        return;
      case 'lists.changed':
        this.emit('lists.changed', frame);
        return;
      case 'session.queuePosition':
        this.emit('session.queuePosition', frame);
        return;
      case 'agent.settings':
        this.emit('agent.settings', frame);
        return;
      case 'session.typing':
        this.emit('session.typing', frame);
        return;
      case 'session.receipts':
        this.receiptTracker.merge(frame.sessionId, frame.receipts);
        return;
      case 'board.snapshot': {
        const { type: _type, ...board } = frame;
        this.emit('board', board);
        return;
      }
      case 'error':
        this.emit('protocol.error', frame.error);
        return;
    }
  }

  private onReply(frame: ReplyFrame): void {
    const pending = this.pending.get(frame.clientId);
    if (!pending) return;
    this.pending.delete(frame.clientId);
    clearTimeout(pending.timer);
    if (this.pending.size === 0) this.stopWatchingSilence();
    if (!frame.ok) {
      pending.resolve({ ok: false, error: frame.error });
      return;
    }
    const data = replyDataSchemas[pending.type].safeParse(frame.data);
    pending.resolve(
      data.success
        ? { ok: true, data: data.data }
        : { ok: false, error: { code: 'BAD_REPLY', message: `The reply to ${pending.type} does not match the protocol: ${data.error.issues[0]?.message ?? ''}`, details: data.error.issues } },
    );
  }

  private unreadable(raw: Record<string, unknown>): void {
    this.emit('protocol.error', { code: 'BAD_FRAME', message: `A frame from the server does not match the protocol (${String(raw['type'])}).` });
  }

  /** After every hello: send what is still unanswered, resume every followed session. */
  private afterConnect(): void {
    for (const pending of this.pending.values()) this.socket!.send(pending.frame);
    // The new socket follows no board until told: the board as it is now comes as a `board` event.
    if (this.boardFollowed && ![...this.pending.values()].some((p) => p.type === 'board.follow')) {
      void this.command('board.follow', {}).then((r) => {
        if (r.ok) this.emit('board', r.data);
      });
    }
    if (this.pending.size > 0) this.watchSilence();
    const sessions = this.tracker.followed();
    if (sessions.length === 0) return;
    void Promise.all(sessions.map((id) => this.tracker.resume(id))).then(() => this.emit('resumed', { sessions: sessions.length }));
  }

  /**
   * While a command waits, checks that the gateway said something within
   * each `silenceTimeoutMs`; a whole window of silence drops the socket.
   */
  private watchSilence(): void {
    if (this.silenceTimer !== undefined || !this.connected) return;
    const socket = this.socket!;
    const since = Date.now();
    this.silenceTimer = setTimeout(() => {
      this.silenceTimer = undefined;
      if (this.socket !== socket || this.closedByUser || this.pending.size === 0) return;
      if (this.lastFrameAt >= since) this.watchSilence();
      else this.dropSilent(socket);
    }, this.options.silenceTimeoutMs ?? this.hello?.limits.requestTimeoutMs ?? 15_000);
  }

  private stopWatchingSilence(): void {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = undefined;
  }

  /** Gives up a silent socket without waiting for its close (which a dead link delays for minutes), and reconnects. */
  private dropSilent(socket: WebSocketLike): void {
    this.socket = undefined;
    socket.onmessage = null;
    try {
      socket.close(4000, 'no answer from the gateway');
    } catch {
      // Already closing: nothing to add.
    }
    // The `ws` package's socket can be torn down at once; a browser's closes in its own time.
    (socket as { terminate?: () => void }).terminate?.();
    const willReconnect = this.options.reconnect !== false;
    this.emit('disconnected', { code: 4000, reason: 'no answer from the gateway', willReconnect });
    if (willReconnect) this.scheduleReconnect();
    else this.failPending('UNAVAILABLE', 'The gateway stopped answering.');
  }

  private scheduleReconnect(): void {
    const min = this.options.reconnectMinDelayMs ?? 100;
    const max = this.options.reconnectMaxDelayMs ?? 5000;
    const delay = Math.min(max, min * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((error: unknown) => {
        if (error instanceof CommandError && error.code === 'UNAUTHORIZED') {
          this.failPending('UNAUTHORIZED', error.message);
          return;
        }
        // A failed attempt never said hello, so its close handler left the retry to us.
        if (!this.closedByUser) this.scheduleReconnect();
      });
    }, delay);
  }

  private failPending(code: string, message: string): void {
    for (const [clientId, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.resolve({ ok: false, error: { code, message } });
      this.pending.delete(clientId);
    }
  }

  private emit<E extends keyof ClientEvents>(event: E, value: ClientEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as Listener<ClientEvents[E]>)(value);
  }
}

const utf8 = new TextEncoder();

/** A FRAME_TOO_LARGE error when the frame's UTF-8 text is over `limit` bytes (the gateway's own count). */
function oversized(frame: string, limit: number): WsError | undefined {
  // Each UTF-16 unit is at most 3 bytes: short frames need no encoding.
  if (frame.length * 3 <= limit) return undefined;
  const bytes = utf8.encode(frame).length;
  if (bytes <= limit) return undefined;
  return { code: 'FRAME_TOO_LARGE', message: `The frame is ${bytes} bytes; the gateway reads at most ${limit}. Shorten the text.`, details: { bytes, limit } };
}

function parse(data: unknown): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(typeof data === 'string' ? data : String(data));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

function randomId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID().slice(0, 18) : `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

export type { SessionEventView, SessionSummary };
