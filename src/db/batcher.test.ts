import { describe, expect, it } from 'vitest'
import { afterTurns, createBatcher } from './batcher.js'

describe('createBatcher', () => {
  it('runs every item alone without a scheduler', async () => {
    const batches: number[][] = []
    const double = createBatcher<number, number>({ run: async (items) => (batches.push(items), items.map((item) => item * 2)) })
    expect(await Promise.all([double(1), double(2), double(3)])).toEqual([2, 4, 6])
    expect(batches).toEqual([[1], [2], [3]])
  })

  it('puts the items of one turn in one batch and answers each caller with its own result', async () => {
    const batches: number[][] = []
    const double = createBatcher<number, number>({ defer: setImmediate, run: async (items) => (batches.push(items), items.map((item) => item * 2)) })
    expect(await Promise.all([double(1), double(2), double(3)])).toEqual([2, 4, 6])
    expect(await double(4)).toBe(8)
    expect(batches).toEqual([[1, 2, 3], [4]])
  })

  it('splits a turn into batches of at most maxBatch', async () => {
    const batches: number[][] = []
    const echo = createBatcher<number, number>({ defer: setImmediate, maxBatch: 2, run: async (items) => (batches.push(items), items) })
    await Promise.all([1, 2, 3, 4, 5].map((item) => echo(item)))
    expect(batches).toEqual([[1, 2], [3, 4], [5]])
  })

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const batches: number[][] = []
    const strict = createBatcher<number, number>({
      defer: setImmediate,
      run: async (items) => {
        batches.push(items)
        if (items.includes(13)) throw new Error('13 is refused')
        return items
      },
    })
    const results = await Promise.allSettled([strict(1), strict(13), strict(2)])
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('13 is refused'))
    expect(batches).toEqual([[1, 13, 2], [1], [13], [2]])
  })

  it('treats a batch that answers the wrong number of results as failed', async () => {
    const short = createBatcher<number, number>({ defer: setImmediate, run: async (items) => items.slice(1) })
    const results = await Promise.allSettled([short(1), short(2)])
    expect(results.every((result) => result.status === 'rejected')).toBe(true)
  })

  it('with afterTurns, gathers the items of several turns in one batch', async () => {
    const batches: number[][] = []
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve))
    const spread = async (defer: Parameters<typeof createBatcher>[0]['defer']) => {
      batches.length = 0
      const echo = createBatcher<number, number>({ defer, run: async (items) => (batches.push(items), items) })
      const first = echo(1)
      await turn()
      const second = echo(2)
      await turn()
      const third = echo(3)
      await Promise.all([first, second, third])
      return [...batches]
    }
    expect(await spread(setImmediate)).toEqual([[1], [2], [3]])
    expect(await spread(afterTurns(2, setImmediate))).toEqual([[1, 2], [3]])
    expect(await spread(afterTurns(3, setImmediate))).toEqual([[1, 2, 3]])
  })

  it('afterTurns(1) is the scheduler itself, and refuses anything but a positive integer', () => {
    expect(afterTurns(1, setImmediate)).toBe(setImmediate)
    expect(() => afterTurns(0, setImmediate)).toThrow(RangeError)
    expect(() => afterTurns(1.5, setImmediate)).toThrow(RangeError)
  })
})
