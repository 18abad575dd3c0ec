import type { JobDefinition } from './job.js'

/**
 * Works through payments whose next action is due: pending ones not yet submitted (their
 * in-request hand-off was lost, e.g. a crash), ambiguous submissions to settle with the channel,
 * accepted payouts whose callback has not come. Each payment is claimed with its own lease, so
 * this job, the API instances and another job run never work on one payment at once.
 */
export const processPaymentsJob = (schedule: string, options: { batchSize?: number; budgetMs?: number } = {}): JobDefinition => ({
  name: 'process-payments',
  schedule,
  leaseSeconds: 300,
  async run({ processor, clock }) {
    const budgetEnds = clock().getTime() + (options.budgetMs ?? 50_000)
    const counts: Record<string, number> = {}
    const seen = new Set<string>()
    while (clock().getTime() < budgetEnds) {
      const due = (await processor.due(options.batchSize ?? 50)).filter((id) => !seen.has(id))
      if (due.length === 0) break
      for (const paymentId of due) {
        seen.add(paymentId)
        const outcome = await processor.process(paymentId)
        counts[outcome] = (counts[outcome] ?? 0) + 1
      }
    }
    return { payments: seen.size, ...counts }
  },
})
