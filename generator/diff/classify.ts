/** Diff layer: whether a change breaks a client or a mock (the table of docs/decisions/0005). */

/**
 * Who a change breaks. **client**: code built against the old model, talking to the new service.
 * **mock**: a mock built from the old model, answering a client built against the new one.
 */
export interface Breaking {
  client: boolean
  mock: boolean
}

/** The request is what a client sends and a mock receives; the response goes the other way. */
export type Side = 'request' | 'response'

/**
 * The direction of a constraint change. `tightened`: fewer values are valid than before
 * (a member became required, a length shrank, an enum lost a value, a pattern was anchored).
 * `loosened`: more are valid. `changed`: neither can be shown (a rewritten pattern).
 */
export type Direction = 'tightened' | 'loosened' | 'changed'

const NONE: Breaking = { client: false, mock: false }
const CLIENT: Breaking = { client: true, mock: false }
const MOCK: Breaking = { client: false, mock: true }
const BOTH: Breaking = { client: true, mock: true }

/**
 * A tightened request rejects what old clients send; a loosened request lets new clients send what
 * the old mock rejects. In a response it is the other way round: a tightened response needs values
 * the old mock does not produce, a loosened one gives old clients values they do not expect.
 */
export function classifyConstraint(side: Side, direction: Direction): Breaking {
  if (direction === 'changed') return BOTH
  const tightened = direction === 'tightened'
  if (side === 'request') return tightened ? CLIENT : MOCK
  return tightened ? MOCK : CLIENT
}

/**
 * A new request member: an old mock ignores it (it must now act on it); a required one also
 * breaks old clients, which do not send it. A new response member: a required one is missing
 * from the old mock's answers; old clients drop members they do not know.
 */
export function classifyAdded(side: Side, required: boolean): Breaking {
  if (side === 'request') return required ? BOTH : MOCK
  return required ? MOCK : NONE
}

/**
 * A removed request member: old clients still set it and the service ignores it; an old mock
 * that required it rejects new clients. A removed response member breaks old clients only if
 * they could rely on it (it was required).
 */
export function classifyRemoved(side: Side, wasRequired: boolean): Breaking {
  if (side === 'request') return wasRequired ? BOTH : CLIENT
  return wasRequired ? CLIENT : NONE
}

/** A member whose type changed (string to structure, one structure for another): nobody copes. */
export const TYPE_CHANGED: Breaking = BOTH

/** Operation-level changes. */
export const OPERATION_CHANGES = {
  /** Old clients do not call it; the old mock does not implement it. */
  added: MOCK,
  /** Old clients call an operation that is gone. */
  removed: CLIENT,
  /** Method, URI or success status: old clients miss, the old mock does not route. */
  http: BOTH,
  /** A new declared error: clients already handle undeclared errors as the service exception; a mock need not return it. */
  errorAdded: NONE,
  /** A declared error gone: the old mock may still answer with it, which the operation no longer allows (R-WIRE-2). */
  errorRemoved: MOCK,
  /** Old clients do not page (they see the first page only); the old mock does not page for new clients. */
  paginationAdded: MOCK,
  paginationRemoved: CLIENT,
  paginationChanged: BOTH,
  /** `@readonly` is documentation for tools; nothing on the wire changes. */
  readonly: NONE,
} as const satisfies Record<string, Breaking>

/** Either side's flags, or-ed. */
export function either(...all: Breaking[]): Breaking {
  return { client: all.some((b) => b.client), mock: all.some((b) => b.mock) }
}
