import { checkAcknowledged } from './acknowledged';
import { checkCapacity } from './capacity';
import { checkDuplicateSessions } from './duplicate-sessions';
import { inEventOrder } from './event-order';
import type { ChaosEvidence, KillKind, Violation } from './evidence';
import { failoverSamples, percentile, type FailoverSample } from './failover';
import { checkFencing, checkSnapshots, checkTwoOwners } from './ownership';
import { checkSequences } from './sequences';

export interface Figures {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface ChaosVerdict {
  readonly violations: Violation[];
  readonly commandsSent: number;
  readonly commandsAcknowledged: number;
  /** Commands without an answer when the run ended, and refusals, by code. */
  readonly unanswered: number;
  readonly refusals: Record<string, number>;
  readonly sessions: number;
  readonly events: number;
  readonly kills: Record<KillKind, number>;
  readonly failover: Figures;
  readonly failoverByKind: Record<KillKind, Figures>;
  /** The slowest samples, for the report. */
  readonly slowest: FailoverSample[];
}

/** Runs every check over the evidence. Pure: the same evidence gives the same verdict. */
export function checkChaosRun(evidence: ChaosEvidence): ChaosVerdict {
  const ordered = inEventOrder(evidence.stream);
  const sequences = checkSequences(evidence.stream, evidence.sessions, evidence.commits);
  const violations = [
    ...checkDuplicateSessions(evidence.sessions, ordered),
    ...checkTwoOwners(ordered),
    ...checkSnapshots(evidence.sessions, ordered),
    ...checkFencing(evidence.commits),
    ...checkCapacity(ordered, evidence.agentCaps, evidence.defaultCap),
    ...checkAcknowledged(
      evidence.commands,
      evidence.stream.map((entry) => entry.event),
      sequences.storedEvents,
    ),
    ...sequences.violations,
  ];
  const samples = failoverSamples(evidence.kills, ordered, evidence.commands, evidence.sessions, evidence.commits);
  const kinds: KillKind[] = ['gateway', 'chat-actor', 'router', 'nats'];
  const refusals: Record<string, number> = {};
  for (const c of evidence.commands) if (c.outcome === 'refused') refusals[c.code ?? '?'] = (refusals[c.code ?? '?'] ?? 0) + 1;
  return {
    violations,
    commandsSent: evidence.commands.length,
    commandsAcknowledged: evidence.commands.filter((c) => c.outcome === 'ok').length,
    unanswered: evidence.commands.filter((c) => c.outcome === undefined).length,
    refusals,
    sessions: evidence.sessions.length,
    events: ordered.length,
    kills: Object.fromEntries(kinds.map((k) => [k, evidence.kills.filter((kill) => kill.kind === k).length])) as Record<KillKind, number>,
    failover: figures(samples.map((s) => s.ms)),
    failoverByKind: Object.fromEntries(kinds.map((k) => [k, figures(samples.filter((s) => s.kind === k).map((s) => s.ms))])) as Record<KillKind, Figures>,
    slowest: [...samples].sort((a, b) => b.ms - a.ms).slice(0, 5),
  };
}

function figures(values: readonly number[]): Figures {
  return { count: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: values.length ? Math.max(...values) : 0 };
}

/** The report printed at the end of a run. */
export function formatVerdict(verdict: ChaosVerdict, run: { minutes: number; startedAt: Date; endedAt: Date }): string {
  const seconds = Math.round((run.endedAt.getTime() - run.startedAt.getTime()) / 1000);
  const f = (x: Figures) => `p50 ${x.p50} ms, p99 ${x.p99} ms, max ${x.max} ms (${x.count} sessions)`;
  const totalKills = Object.values(verdict.kills).reduce((a, b) => a + b, 0);
  const lines = [
    `Chaos run: ${run.startedAt.toISOString()} to ${run.endedAt.toISOString()} (${seconds} s of load and kills; asked for ${run.minutes} min)`,
    `Commands: ${verdict.commandsSent} sent, ${verdict.commandsAcknowledged} acknowledged, ${verdict.unanswered} unanswered at the end`,
    `Refusals: ${Object.entries(verdict.refusals).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}`,
    `Sessions: ${verdict.sessions}; events: ${verdict.events}`,
    `Kills: ${totalKills} (${Object.entries(verdict.kills).map(([k, n]) => `${k} ${n}`).join(', ')})`,
    `Failover: ${f(verdict.failover)}`,
    ...Object.entries(verdict.failoverByKind).map(([k, x]) => `  ${k}: ${f(x)}`),
    ...verdict.slowest.map((s) => `  slowest: ${s.ms} ms, session ${s.sessionId} after the kill of ${s.kind} ${s.target}`),
    `Violations: ${verdict.violations.length}`,
    ...verdict.violations.slice(0, 200).map((v) => `  [${v.check}] ${v.message}`),
  ];
  if (verdict.violations.length > 200) lines.push(`  ... and ${verdict.violations.length - 200} more`);
  return lines.join('\n');
}
