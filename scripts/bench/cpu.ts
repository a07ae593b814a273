// How busy the machine's cores were during a run: the first line of /proc/stat counts, since
// boot and summed over every core, the clock ticks spent in each state. Busy is everything but
// idle and waiting on I/O; guest time is counted in user time already. The difference of two
// readings is the CPU time every process used in between: the compose, and beside it the
// registry, the link proxy, the engine and the bench itself, which share the same cores.
import { readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc/stat (USER_HZ, 100 on Linux). */
export const USER_HZ = 100;

/** Busy seconds of all cores since boot, from the text of /proc/stat. Pure. */
export function parseBusySeconds(procStat: string, hz = USER_HZ): number | undefined {
  const line = procStat.split('\n').find((l) => /^cpu\s/.test(l));
  const ticks = line?.trim().split(/\s+/).slice(1).map(Number);
  if (!ticks || ticks.length < 8 || ticks.some((t) => !Number.isFinite(t))) return undefined;
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) / hz;
}

/** The machine's busy seconds so far; undefined where /proc/stat cannot be read. */
export async function readBusySeconds(): Promise<number | undefined> {
  return parseBusySeconds(await readFile('/proc/stat', 'utf8').catch(() => ''));
}
