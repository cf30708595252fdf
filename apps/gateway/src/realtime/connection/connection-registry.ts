import { Injectable } from '@nestjs/common';
import type { Connection } from './connection';

/** The sockets of this gateway instance, by principal. Nothing here outlives the process (A8). */
@Injectable()
export class ConnectionRegistry {
  private readonly all = new Set<Connection>();
  private readonly byPrincipal = new Map<string, Set<Connection>>();
  private readonly agentConnections = new Set<Connection>();
  private readonly adminConnections = new Set<Connection>();

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
    this.all.delete(connection);
    this.agentConnections.delete(connection);
    this.adminConnections.delete(connection);
    const key = keyOf(connection.principal.role, connection.principal.id);
    const set = this.byPrincipal.get(key);
    set?.delete(connection);
    if (set && set.size === 0) this.byPrincipal.delete(key);
    return set?.size ?? 0;
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
const keyOf = (role: string, id: string) => `${role}\u0000${id}`;
