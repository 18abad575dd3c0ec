import { describe, expect, it, vi } from 'vitest'
import { createBackgroundTasks } from './background.js'

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('background tasks', () => {
  it('settles once every task has, including tasks started by a running task', async () => {
    const tasks = createBackgroundTasks({ error: vi.fn() })
    const done: string[] = []
    tasks.run(async () => {
      await later(20)
      done.push('first')
      tasks.run(async () => {
        await later(20)
        done.push('second')
      })
    })
    expect(tasks.running).toBe(1)
    expect(await tasks.settle(1_000)).toBe(true)
    expect(done).toEqual(['first', 'second'])
    expect(tasks.running).toBe(0)
  })

  it('logs a failed task and goes on', async () => {
    const error = vi.fn()
    const tasks = createBackgroundTasks({ error })
    tasks.run(() => Promise.reject(new Error('channel down')))
    tasks.run(() => {
      throw new Error('thrown at once')
    })
    expect(await tasks.settle(1_000)).toBe(true)
    expect(error).toHaveBeenCalledTimes(2)
    expect(error.mock.calls.map(([, cause]) => (cause as Error).message).sort()).toEqual(['channel down', 'thrown at once'])
  })

  it('gives up after the timeout and says a task is still running', async () => {
    const tasks = createBackgroundTasks({ error: vi.fn() })
    let finish = () => {}
    tasks.run(() => new Promise<void>((resolve) => (finish = resolve)))
    const started = Date.now()
    expect(await tasks.settle(30)).toBe(false)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(tasks.running).toBe(1)
    finish()
    expect(await tasks.settle(1_000)).toBe(true)
  })

  it('settles at once with nothing running', async () => {
    expect(await createBackgroundTasks({ error: vi.fn() }).settle(10)).toBe(true)
  })
})
