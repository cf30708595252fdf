import { Injectable } from '@nestjs/common';
import type { Connection } from './connection';

/**
 * The sockets of this gateway instance, by principal. Nothing here outlives the process (A8);
 * the limits per principal over all gateways are `PrincipalLimits`.
 */
@Injectable()
export class ConnectionRegistry {
  private readonly all = new Set<Connection>();
  private readonly byPrincipal = new Map<string, Set<Connection>>();
  private readonly agentConnections = new Set<Connection>();
  private readonly adminConnections = new Set<Connection>();
  /** sessionId -> sockets that follow a session they do not hold (administrators, agents previewing their Queue). */
  private readonly watchers = new Map<string, Set<Connection>>();

  add(connection: Connection): void {
    this.all.add(connection);
    const key = keyOf(connection.principal.role, connection.principal.id);
    let set = this.byPrincipal.get(key);
    if (!set) this.byPrincipal.set(key, (set = new Set()));
    set.add(connection);
    if (connection.principal.role === 'agent') this.agentConnections.add(connection);
    if (connection.principal.role === 'admin') this.adminConnections.add(connection);
  }

  /** Removes it; returns how many sockets of the same principal remain here. */
  remove(connection: Connection): number {
    for (const sessionId of [...connection.watching]) this.unwatch(connection, sessionId);
    this.all.delete(connection);
    this.agentConnections.delete(connection);
    this.adminConnections.delete(connection);
    const key = keyOf(connection.principal.role, connection.principal.id);
    const set = this.byPrincipal.get(key);
    set?.delete(connection);
    if (set && set.size === 0) this.byPrincipal.delete(key);
    return set?.size ?? 0;
  }

  /** Follows a session's events on this socket; the oldest follow goes beyond `max` per socket. */
  watch(connection: Connection, sessionId: string, max = MAX_WATCHED_PER_SOCKET): void {
    if (connection.watching.has(sessionId)) return;
    while (connection.watching.size >= max) this.unwatch(connection, connection.watching.values().next().value!);
    connection.watching.add(sessionId);
    let set = this.watchers.get(sessionId);
    if (!set) this.watchers.set(sessionId, (set = new Set()));
    set.add(connection);
  }

  unwatch(connection: Connection, sessionId: string): void {
    connection.watching.delete(sessionId);
    const set = this.watchers.get(sessionId);
    set?.delete(connection);
    if (set && set.size === 0) this.watchers.delete(sessionId);
  }

  /** A closed session has no more events to follow. */
  unwatchSession(sessionId: string): void {
    for (const connection of this.watchers.get(sessionId) ?? []) connection.watching.delete(sessionId);
    this.watchers.delete(sessionId);
  }

  watchersOf(sessionId: string): ReadonlySet<Connection> {
    return this.watchers.get(sessionId) ?? EMPTY;
  }

  of(role: 'endUser' | 'agent' | 'admin', id: string): ReadonlySet<Connection> {
    return this.byPrincipal.get(keyOf(role, id)) ?? EMPTY;
  }

  has(role: 'endUser' | 'agent' | 'admin', id: string): boolean {
    return this.byPrincipal.has(keyOf(role, id));
  }

  agents(): ReadonlySet<Connection> {
    return this.agentConnections;
  }

  admins(): ReadonlySet<Connection> {
    return this.adminConnections;
  }

  connections(): ReadonlySet<Connection> {
    return this.all;
  }

  get endUserCount(): number {
    return this.all.size - this.agentConnections.size - this.adminConnections.size;
  }

  get size(): number {
    return this.all.size;
  }
}

const EMPTY: ReadonlySet<Connection> = new Set();
/** Sessions one socket may follow without holding them (bounds memory per socket). */
const MAX_WATCHED_PER_SOCKET = 200;
const keyOf = (role: string, id: string) => `${role}\u0000${id}`;
