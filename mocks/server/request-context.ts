/** Server layer (node only): what one request is served with, and the wait for its change to reach the disk. */
import type { ControlContext } from './control-access.ts'
import type { ServableMock } from './servable-mock.ts'
import type { StateStore } from './state-file.ts'

export interface RequestContext {
  mock: ServableMock<unknown>
  maxBodyBytes: number
  maxRestoreBytes: number
  bodyIdleMs: number
  /** True once close() began: a request that was in flight then is answered, and its connection closed. */
  closing: () => boolean
  store: StateStore | undefined
  control: ControlContext
}

/** Waits until the changes the request made (tickets after `before`) are on disk. */
export async function durable(store: StateStore | undefined, before: number): Promise<void> {
  if (store === undefined || store.lastTicket === before) return
  try {
    await store.durable(store.lastTicket)
  } catch (error) {
    throw new Error(
      `the change was made in memory but could not be written to the state file (${(error as Error).message}); ` +
        'the next change rewrites the whole file',
    )
  }
}
