import type { ProcessExit } from '@switchboard/infra';
import { RestartBackoff } from './restart-policy';
import { ServiceSupervisor, describeExit, type SupervisedProcess } from './supervisor';

describe('restart backoff', () => {
  it('doubles the wait after each quick death, from 0.5 s up to a 30 s cap', () => {
    const backoff = new RestartBackoff();
    const delays = Array.from({ length: 10 }, () => backoff.nextDelay(1000));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });

  it('starts again from the first step after a process ran a stable minute', () => {
    const backoff = new RestartBackoff();
    backoff.nextDelay(100);
    backoff.nextDelay(100);
    expect(backoff.nextDelay(100)).toBe(2000);
    expect(backoff.nextDelay(60_000)).toBe(500);
    expect(backoff.nextDelay(100)).toBe(1000);
  });

  it('does not reset on a run just short of the stable time', () => {
    const backoff = new RestartBackoff({ stableAfterMs: 10_000 });
    backoff.nextDelay(0);
    expect(backoff.nextDelay(9_999)).toBe(1000);
  });
});

/** A process the test ends by hand. */
class FakeProcess implements SupervisedProcess {
  private static nextPid = 100;
  readonly pid = FakeProcess.nextPid++;
  stopped = false;
  private resolveEnded!: (exit: ProcessExit) => void;
  readonly ended = new Promise<ProcessExit>((r) => (this.resolveEnded = r));
  die(exit: ProcessExit): Promise<void> {
    this.resolveEnded(exit);
    // Let the supervisor's `.then` run.
    return this.ended.then(() => undefined);
  }
  async stop(): Promise<void> {
    this.stopped = true;
    this.resolveEnded({ code: 0, signal: null });
  }
}

function harness() {
  const started: FakeProcess[] = [];
  const lines: string[] = [];
  const timers: { run: () => void; delayMs: number; cancelled: boolean }[] = [];
  let clock = 0;
  const restarted: number[] = [];
  const supervisor = new ServiceSupervisor({
    name: 'chat-actor-1',
    logFile: '/data/logs/chat-actor-1.log',
    start: () => {
      const p = new FakeProcess();
      started.push(p);
      return p;
    },
    log: (line) => lines.push(line),
    now: () => clock,
    schedule: (run, delayMs) => {
      const timer = { run, delayMs, cancelled: false };
      timers.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
    onRestarted: (p) => restarted.push(p.pid!),
  });
  const fire = () => {
    const timer = timers.at(-1)!;
    clock += timer.delayMs;
    if (!timer.cancelled) timer.run();
  };
  return { supervisor, started, lines, timers, restarted, fire, advance: (ms: number) => (clock += ms) };
}

describe('service supervisor (npm start)', () => {
  it('restarts a process that died, after the backoff, and says which died, how, and when it restarts', async () => {
    const h = harness();
    h.supervisor.start();
    h.advance(5000);
    await h.started[0]!.die({ code: null, signal: 'SIGKILL' });

    expect(h.timers.map((t) => t.delayMs)).toEqual([500]);
    expect(h.lines[0]).toMatch(/^chat-actor-1 \(pid \d+\) died at \S+ with signal SIGKILL after 5\.0 s; restarting in 0\.5 s \(at \S+, restart 1\); see \/data\/logs\/chat-actor-1\.log$/);
    expect(h.started).toHaveLength(1);

    h.fire();
    expect(h.started).toHaveLength(2);
    expect(h.supervisor.current).toBe(h.started[1]);
    expect(h.lines[1]).toBe(`chat-actor-1 restarted (pid ${h.started[1]!.pid}, restart 1)`);
    expect(h.restarted).toEqual([h.started[1]!.pid]);
  });

  it('waits longer after each quick death, and names the exit code', async () => {
    const h = harness();
    h.supervisor.start();
    for (let i = 0; i < 4; i++) {
      await h.started.at(-1)!.die({ code: 1, signal: null });
      h.fire();
    }
    expect(h.timers.map((t) => t.delayMs)).toEqual([500, 1000, 2000, 4000]);
    expect(h.lines.filter((l) => l.includes('died')).every((l) => l.includes('with code 1'))).toBe(true);
    expect(h.supervisor.restarts).toBe(4);
  });

  it('does not restart a process it was asked to stop', async () => {
    const h = harness();
    const first = h.supervisor.start();
    await h.supervisor.stop();
    await first.ended;
    expect(h.started[0]!.stopped).toBe(true);
    expect(h.timers).toEqual([]);
    expect(h.lines).toEqual([]);
  });

  it('a stop during the backoff wait cancels the pending restart', async () => {
    const h = harness();
    h.supervisor.start();
    await h.started[0]!.die({ code: 1, signal: null });
    await h.supervisor.stop();
    h.fire();
    expect(h.timers[0]!.cancelled).toBe(true);
    expect(h.started).toHaveLength(1);
  });

  it('describes an exit by its signal, its code, or the lack of both', () => {
    expect(describeExit({ code: null, signal: 'SIGKILL' })).toBe('signal SIGKILL');
    expect(describeExit({ code: 3, signal: null })).toBe('code 3');
    expect(describeExit({ code: null, signal: null })).toMatch(/could not be started/);
  });
});

describe('service supervisor when a restart cannot even spawn', () => {
  it('says so and tries again after a longer wait', async () => {
    const lines: string[] = [];
    const timers: { run: () => void; delayMs: number }[] = [];
    let attempts = 0;
    const first = new FakeProcess();
    const supervisor = new ServiceSupervisor({
      name: 'router-1',
      start: () => {
        attempts += 1;
        if (attempts === 1) return first;
        if (attempts === 2) throw new Error('spawn EAGAIN');
        return new FakeProcess();
      },
      log: (line) => lines.push(line),
      now: () => 0,
      schedule: (run, delayMs) => {
        timers.push({ run, delayMs });
        return { cancel: () => undefined };
      },
    });
    supervisor.start();
    await first.die({ code: 1, signal: null });
    timers[0]!.run();
    expect(lines).toContainEqual('router-1 could not be started: spawn EAGAIN');
    expect(timers.map((t) => t.delayMs)).toEqual([500, 1000]);
    timers[1]!.run();
    expect(attempts).toBe(3);
    expect(lines.at(-1)).toMatch(/^router-1 restarted \(pid \d+, restart 2\)$/);
  });
});
