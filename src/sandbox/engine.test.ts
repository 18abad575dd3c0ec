import { describe, expect, it } from 'vitest'
import type { ChannelBehaviour } from './behaviour.js'
import { sepaInstantDialect } from './dialects/sepa-instant.js'
import type { ParsedSubmission } from './dialects/types.js'
import { createSandboxEngine, type SandboxEvent, type SandboxPayout } from './engine.js'
import { createManualScheduler } from './scheduler.js'

const START = Date.parse('2024-05-01T10:00:00Z')

function submission(paymentId: string, attempt = 1, amount = '10.00'): ParsedSubmission {
  const key = `${paymentId}:${attempt}`
  return { dedupeKey: key, idempotencyKey: key, amount, currency: 'EUR', beneficiary: 'DE89370400440532013000' }
}

function setup(behaviour: Partial<ChannelBehaviour>, seed = 7) {
  const scheduler = createManualScheduler(START)
  const events: { payout: SandboxPayout; event: SandboxEvent; duplicate: boolean }[] = []
  const engine = createSandboxEngine({
    seed,
    scheduler,
    behaviour: { channels: { sepa_instant: behaviour } },
    emit: (payout, event, duplicate) => events.push({ payout: { ...payout }, event, duplicate }),
  })
  return { scheduler, events, engine }
}

describe('sandbox engine', () => {
  it('pays one attempt once, however often it is submitted', () => {
    const { engine, scheduler } = setup({ settleAfterMs: 1_000 })
    const first = engine.submit(sepaInstantDialect, submission('pay_1'))
    const again = engine.submit(sepaInstantDialect, submission('pay_1'))
    expect(first).toMatchObject({ kind: 'accepted', replayed: false, answer: 'now' })
    expect(again).toMatchObject({ kind: 'accepted', replayed: true })
    if (first.kind !== 'accepted' || again.kind !== 'accepted') throw new Error('expected acceptance')
    expect(again.payout.reference).toBe(first.payout.reference)
    expect(engine.submit(sepaInstantDialect, submission('pay_1', 1, '11.00'))).toEqual({ kind: 'conflict' })
    expect(engine.submit(sepaInstantDialect, submission('pay_1', 2)).kind).toBe('accepted')
    scheduler.advance(1_000)
    expect(engine.payouts().map((payout) => [payout.idempotencyKey, payout.status])).toEqual([
      ['pay_1:1', 'paid_out'],
      ['pay_1:2', 'paid_out'],
    ])
    expect(engine.find('sepa_instant', { by: 'dedupeKey', value: 'pay_1:1' })?.reference).toBe(first.payout.reference)
    expect(engine.find('sepa_instant', { by: 'dedupeKey', value: 'pay_9:1' })).toBeUndefined()
  })

  it('settles, fails and returns on the scheduler, with increasing event times', () => {
    const { engine, scheduler, events } = setup({ settleAfterMs: 1_000, returnRate: 1, returnAfterMs: 60_000 })
    engine.submit(sepaInstantDialect, submission('pay_2'))
    expect(events.map(({ event }) => event.status)).toEqual(['processing'])
    scheduler.advance(999)
    expect(events).toHaveLength(1)
    scheduler.advance(1)
    scheduler.advance(60_000)
    expect(events.map(({ event }) => [event.status, event.occurredAt - START])).toEqual([
      ['processing', 0],
      ['paid_out', 1_000],
      ['returned', 61_000],
    ])
    expect(events[2]?.event.code).toBe('AC04')

    const failing = setup({ settleAfterMs: 0, failRate: 1 })
    const decision = failing.engine.submit(sepaInstantDialect, submission('pay_3'))
    // A failure is only known at settlement, so the answer still says "in progress".
    expect(decision.kind === 'accepted' && decision.payout.status).toBe('processing')
    failing.scheduler.advance(1)
    expect(failing.events.map(({ event }) => [event.status, event.code])).toEqual([
      ['processing', undefined],
      ['failed', 'AB05'],
    ])
  })

  it('answers at once when settlement is immediate', () => {
    const { engine, events } = setup({ settleAfterMs: 0 })
    const decision = engine.submit(sepaInstantDialect, submission('pay_4'))
    expect(decision.kind === 'accepted' && decision.payout.status).toBe('paid_out')
    expect(events.map(({ event }) => event.status)).toEqual(['paid_out'])
  })

  it('replays declines and records nothing on server errors', () => {
    const declining = setup({ declineRate: 1 })
    const declined = declining.engine.submit(sepaInstantDialect, submission('pay_5'))
    expect(declined).toMatchObject({ kind: 'declined', replayed: false })
    expect(declining.engine.submit(sepaInstantDialect, submission('pay_5'))).toMatchObject({ ...declined, replayed: true })
    expect(declining.engine.payouts()).toEqual([])

    const failing = setup({ serverErrorRate: 1 })
    expect(failing.engine.submit(sepaInstantDialect, submission('pay_6'))).toEqual({ kind: 'server_error' })
    failing.engine.setBehaviour('sepa_instant', { serverErrorRate: 0 })
    expect(failing.engine.submit(sepaInstantDialect, submission('pay_6'))).toMatchObject({ kind: 'accepted', replayed: false })
  })

  it('records timed-out submissions before the answer is lost', () => {
    const { engine } = setup({ timeoutRate: 1, timeoutMode: 'gateway_timeout' })
    expect(engine.submit(sepaInstantDialect, submission('pay_7'))).toMatchObject({ kind: 'accepted', answer: 'gateway_timeout' })
    expect(engine.find('sepa_instant', { by: 'dedupeKey', value: 'pay_7:1' })).toBeDefined()
    expect(engine.submit(sepaInstantDialect, submission('pay_7'))).toMatchObject({ kind: 'accepted', replayed: true, answer: 'now' })
  })

  it('holds events and delivers them newest first when reordering', () => {
    const { engine, scheduler, events } = setup({ settleAfterMs: 500, callbackReorder: true })
    engine.submit(sepaInstantDialect, submission('pay_8'))
    expect(events).toEqual([])
    scheduler.advance(500)
    expect(events.map(({ event }) => event.status)).toEqual(['paid_out', 'processing'])
    const [newest, stale] = events
    expect((newest?.event.occurredAt ?? 0) > (stale?.event.occurredAt ?? 0)).toBe(true)
  })

  it('makes the same decisions for the same seed and request order', () => {
    const run = (seed: number) => {
      const { engine, scheduler, events } = setup({ declineRate: 0.3, callbackDuplicateRate: 0.5, settleAfterMs: 10 }, seed)
      const outcomes = Array.from({ length: 40 }, (_, index) => engine.submit(sepaInstantDialect, submission(`pay_${index}`)).kind)
      scheduler.advance(10)
      return { outcomes, duplicates: events.map(({ duplicate }) => duplicate), references: engine.payouts().map((payout) => payout.reference) }
    }
    expect(run(42)).toEqual(run(42))
    expect(run(42)).not.toEqual(run(43))
    const { outcomes, duplicates } = run(42)
    const declines = outcomes.filter((kind) => kind === 'declined').length
    expect(declines).toBeGreaterThan(4)
    expect(declines).toBeLessThan(20)
    const duplicateCount = duplicates.filter(Boolean).length
    expect(duplicateCount / duplicates.length).toBeGreaterThan(0.3)
    expect(duplicateCount / duplicates.length).toBeLessThan(0.7)
  })
})
