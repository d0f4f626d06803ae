/** Server layer: what the server needs from a mock (the mock itself never imports the server). */
import type { WireRequest, WireResponse } from '../protocol/wire.ts'
import type { StateWrite } from './state-file.ts'

/** What the server needs from a mock: the sync core and the state controls. `createCleanRoomsMock()` fits. */
export interface ServableMock<Snapshot = unknown> {
  handle(request: WireRequest): WireResponse
  reset(): void
  snapshot(): Snapshot
  restore(snapshot: Snapshot): void
  /**
   * Calls `listener` after every change. With `--state`, a `write` change is journalled record by record; a
   * mock that says nothing (`undefined`) or `replace` has its whole snapshot written instead.
   */
  onChange(listener: (change?: ServableChange) => void): () => void
  /** Queues a fault (`POST /__mock/faults`); throws a TypeError on a fault it cannot inject. */
  injectFault?(fault: never): void
}

/** What a mock tells the server about a change (`StateChange` of `createCleanRoomsMock()` fits). */
export type ServableChange = { kind: 'write'; writes: readonly StateWrite[] } | { kind: 'replace' }
