import type { JobDefinition } from './job.js'

/**
 * Works through payments whose next action is due. First the pending ones never submitted
 * (every new payment with `PAYMENTS_SUBMIT_IN_REQUEST=false`, or one whose in-request hand-off
 * was lost to a crash), `submitBatchSize` (500) at a time through the batched first-attempt path (one
 * statement for their attempts, one bulk request per channel); then, one by one, the rest:
 * ambiguous submissions to settle with the channel, accepted payouts whose callback has not
 * come, payments to fail over. Each payment is claimed with its own lease, so this job, the API
 * instances and another job run never work on one payment at once.
 */
export const processPaymentsJob = (schedule: string, options: { batchSize?: number; submitBatchSize?: number; budgetMs?: number } = {}): JobDefinition => ({
  name: 'process-payments',
  schedule,
  leaseSeconds: 300,
  async run({ processor, clock }) {
    const budgetEnds = clock().getTime() + (options.budgetMs ?? 50_000)
    const counts: Record<string, number> = {}
    const seen = new Set<string>()
    const submitBatchSize = options.submitBatchSize ?? 500
    let submitted = 0
    // 0 leaves every payment to the one-by-one loop below.
    while (submitBatchSize > 0 && clock().getTime() < budgetEnds) {
      const outcomes = await processor.submitPending(submitBatchSize, seen)
      for (const [paymentId, outcome] of outcomes) {
        seen.add(paymentId)
        counts[outcome] = (counts[outcome] ?? 0) + 1
      }
      submitted += outcomes.size
      if (outcomes.size < submitBatchSize) break
    }
    while (clock().getTime() < budgetEnds) {
      const due = (await processor.due(options.batchSize ?? 50)).filter((id) => !seen.has(id))
      if (due.length === 0) break
      for (const paymentId of due) {
        seen.add(paymentId)
        const outcome = await processor.process(paymentId)
        counts[outcome] = (counts[outcome] ?? 0) + 1
      }
    }
    return { payments: seen.size, submitted, ...counts }
  },
})
