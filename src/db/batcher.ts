/**
 * Coalesces the same small statement issued by concurrent requests into one round trip: items
 * queued until the scheduler's next turn (Node: `setImmediate`, after the event loop has read
 * every request that arrived together) run as one batch, so one multi-row insert or one
 * `where … in (…)` lookup stands for many. Without a scheduler every item runs at once, alone.
 *
 * A batch that fails is retried item by item, so one bad item fails only its own caller.
 */

/** Runs a callback on the event loop's next turn, after pending I/O callbacks. */
export type Defer = (callback: () => void) => void

/**
 * A `Defer` that waits `turns` turns of `next` (Node: `setImmediate`) instead of one. Under
 * load the callbacks that queue items (a request parsed, a key looked up, a statement answered)
 * arrive over a few turns of the event loop, not one; waiting for them makes one batch, one
 * statement and one round trip where one turn would make several. An idle loop runs its turns
 * in microseconds, so a lone request barely waits.
 *
 * @example createBatcher({ run, defer: afterTurns(3, setImmediate) })
 */
export function afterTurns(turns: number, next: Defer): Defer {
  if (!Number.isInteger(turns) || turns < 1) throw new RangeError(`turns must be a positive integer, got ${turns}`)
  if (turns === 1) return next
  return (callback) => {
    let left = turns
    const step = () => (--left === 0 ? callback() : next(step))
    next(step)
  }
}

export interface BatcherOptions<I, O> {
  /** Runs a batch; returns one result per item, in order. */
  run: (items: I[]) => Promise<O[]>
  defer?: Defer | undefined
  /** Largest batch (bounds statement size and the number of prepared variants). */
  maxBatch?: number
}

interface Waiting<I, O> {
  item: I
  resolve: (value: O) => void
  reject: (error: unknown) => void
}

/**
 * @example
 * const lookup = createBatcher({ run: (hashes) => findMany(hashes), defer: setImmediate, maxBatch: 32 })
 * const merchant = await lookup(hash)
 */
export function createBatcher<I, O>(options: BatcherOptions<I, O>): (item: I) => Promise<O> {
  const { run, defer } = options
  const maxBatch = options.maxBatch ?? 32
  let queue: Waiting<I, O>[] = []

  const settle = async (batch: Waiting<I, O>[]) => {
    try {
      const results = await run(batch.map((waiting) => waiting.item))
      if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} returned ${results.length} results`)
      batch.forEach((waiting, index) => waiting.resolve(results[index]!))
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error)
        return
      }
      await Promise.all(batch.map((waiting) => settle([waiting])))
    }
  }

  const flush = () => {
    const pending = queue
    queue = []
    for (let start = 0; start < pending.length; start += maxBatch) void settle(pending.slice(start, start + maxBatch))
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      if (!defer) {
        void settle([{ item, resolve, reject }])
        return
      }
      queue.push({ item, resolve, reject })
      if (queue.length === 1) defer(flush)
    })
}
