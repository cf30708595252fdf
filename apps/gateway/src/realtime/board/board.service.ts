import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { BOARD_PUSH_MIN_INTERVAL_MS, type Board, type BoardSnapshotFrame, type ListItem } from '@switchboard/contracts';
import { AgentDirectory } from '../agent/agent-directory.service';
import type { Connection } from '../connection/connection';
import { ConnectionRegistry } from '../connection/connection-registry';
import { CommandRefusal } from '../sessions/command-refusal';
import { LiveSettings } from '../sessions/live-settings.service';
import { OpenSessionsProjection } from '../sessions/open-sessions.projection';
import { boardQueuesOf, buildBoard } from './board';

/** What a socket following the board holds: the last board body sent, and the coalescing timer. */
interface Following {
  lastBody?: string;
  lastAt: number;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Issue 16 (ADR 25): supervisors' monitoring boards, live. A socket that
 * follows the board gets the whole (bounded) board again whenever something
 * on it may have changed: a chat event of one of its queues, an agent's
 * presence, a profile or settings change; at most one frame per
 * BOARD_PUSH_MIN_INTERVAL_MS per socket (the changes in between coalesce),
 * and none when nothing it shows changed. Nothing is stored: every gateway
 * builds the same board from its projection and directory (A8).
 */
@Injectable()
export class BoardService implements OnApplicationBootstrap {
  private readonly following = new Map<Connection, Following>();

  constructor(
    @Inject(OpenSessionsProjection) private readonly projection: OpenSessionsProjection,
    @Inject(AgentDirectory) private readonly agents: AgentDirectory,
    @Inject(LiveSettings) private readonly settings: LiveSettings,
    @Inject(ConnectionRegistry) private readonly registry: ConnectionRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.settings.onChange(() => this.touchAll());
    this.agents.onProfilesChange(() => this.touchAll());
    this.agents.onPresenceChange(() => this.touchAll());
  }

  /** The board of the socket's supervisor now; from now on the socket gets `board.snapshot` frames. */
  follow(conn: Connection): Board {
    const board = this.boardOf(conn.principal.id);
    const { now: _now, ...body } = board;
    const known = this.following.get(conn);
    if (known?.timer) clearTimeout(known.timer);
    this.following.set(conn, { lastBody: JSON.stringify(body), lastAt: Date.now() });
    return board;
  }

  unfollow(conn: Connection): void {
    const known = this.following.get(conn);
    if (known?.timer) clearTimeout(known.timer);
    this.following.delete(conn);
  }

  /** A chat event was applied to the projection: the boards of its queues (before and after) may have changed. */
  onChatChange(before: ListItem | undefined, after: ListItem | undefined): void {
    if (this.following.size === 0) return;
    const queues = boardQueuesOf([before, after], this.settings.current);
    for (const conn of this.following.keys()) {
      const supervised = this.agents.info(conn.principal.id)?.supervisedQueues ?? [];
      if (supervised.some((q) => queues.has(q))) this.schedule(conn);
    }
  }

  private touchAll(): void {
    for (const conn of this.following.keys()) this.schedule(conn);
  }

  private boardOf(agentId: string): Board {
    const agent = this.agents.info(agentId);
    if (!agent?.supervisedQueues?.length) throw new CommandRefusal('NOT_SUPERVISOR', 'Only a supervisor has a board: you supervise no queue.');
    return buildBoard(agent.supervisedQueues, {
      chats: this.projection.all(),
      offerOf: (id) => this.projection.offerOf(id),
      activityOf: (id) => this.projection.activityOf(id),
      agents: this.agents.all().filter((a) => a !== undefined),
      settings: this.settings.current,
      now: new Date(),
    });
  }

  private schedule(conn: Connection): void {
    const state = this.following.get(conn);
    if (!state || state.timer) return;
    const wait = Math.max(0, state.lastAt + BOARD_PUSH_MIN_INTERVAL_MS - Date.now());
    state.timer = setTimeout(() => this.push(conn), wait);
    state.timer.unref?.();
  }

  private push(conn: Connection): void {
    const state = this.following.get(conn);
    if (!state) return;
    state.timer = undefined;
    if (!conn.open || !this.registry.agents().has(conn)) {
      this.following.delete(conn);
      return;
    }
    let board: Board;
    try {
      board = this.boardOf(conn.principal.id);
    } catch {
      // No longer a supervisor (an administrator changed the profile): an empty board, then no more.
      conn.send({ type: 'board.snapshot', now: new Date().toISOString(), queues: [], truncated: false } satisfies BoardSnapshotFrame);
      this.following.delete(conn);
      return;
    }
    const { now: _now, ...body } = board;
    const text = JSON.stringify(body);
    if (text === state.lastBody) return;
    state.lastBody = text;
    state.lastAt = Date.now();
    const frame: BoardSnapshotFrame = { type: 'board.snapshot', ...board };
    conn.send(frame);
  }
}
