/**
 * Work that outlives the request that started it (on Node: handing a new payment to its
 * channel), tracked so that a shutdown can wait for it instead of closing the database under it.
 */

export interface BackgroundTasks {
  /** Starts a task; its failure is logged, never thrown. */
  run(task: () => Promise<unknown>): void
  /** Tasks started and not yet settled. */
  readonly running: number
  /**
   * Resolves once every task has settled, including tasks started while waiting, or after
   * `timeoutMs`: true when none is left running.
   */
  settle(timeoutMs: number): Promise<boolean>
}

/** @example const tasks = createBackgroundTasks(console); tasks.run(() => send(payment)); await tasks.settle(10_000) */
export function createBackgroundTasks(logger: Pick<Console, 'error'>): BackgroundTasks {
  const running = new Set<Promise<unknown>>()
  return {
    run(task) {
      const settled: Promise<unknown> = Promise.resolve()
        .then(task)
        .catch((error: unknown) => logger.error('background task failed', error))
        .finally(() => running.delete(settled))
      running.add(settled)
    },
    get running() {
      return running.size
    },
    async settle(timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs)
      })
      try {
        while (running.size > 0) {
          if ((await Promise.race([Promise.allSettled([...running]), timedOut])) === 'timeout') return false
        }
        return true
      } finally {
        clearTimeout(timer)
      }
    },
  }
}
