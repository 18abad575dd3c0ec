/**
 * CPU time per operation, by process group, from /proc (Linux): what each part of the system
 * (the API, PostgreSQL's backends, the rail sandbox, the load client) spent on one operation.
 * On a shared two-core machine this, more than wall time, says where an operation's cost lies.
 * `machine` is the busy time of all CPUs, whatever process spent it (clients included).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'

export type CpuGroups = (pid: number, command: string) => string | undefined

export interface CpuSnapshot {
  ticks: Map<string, number>
}

const TICKS_PER_SECOND = 100

/** Cumulative user + system ticks of every process, summed by the group `groupOf` gives it. */
export function cpuSnapshot(groupOf: CpuGroups): CpuSnapshot | undefined {
  if (!existsSync('/proc/self/stat')) return undefined
  const ticks = new Map<string, number>()
  // The whole machine: every CPU's busy time (user, nice, system, irq, softirq, steal).
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number)
  ticks.set('machine', user! + nice! + system! + irq! + softirq! + steal!)
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // the process ended meanwhile
    }
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    const group = groupOf(Number(entry), command)
    if (!group) continue
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    ticks.set(group, (ticks.get(group) ?? 0) + Number(fields[11]) + Number(fields[12]))
  }
  return { ticks }
}

/** Microseconds of CPU per operation for each group between two snapshots, e.g. `{ api: 105, postgres: 22 }`. */
export function cpuPerOperation(before: CpuSnapshot | undefined, after: CpuSnapshot | undefined, operations: number): Record<string, number> | undefined {
  if (!before || !after || operations === 0) return undefined
  const perOperation: Record<string, number> = {}
  for (const [group, ticks] of after.ticks) {
    const spent = ticks - (before.ticks.get(group) ?? 0)
    perOperation[group] = Math.round((spent * 1e6) / TICKS_PER_SECOND / operations)
  }
  return perOperation
}
