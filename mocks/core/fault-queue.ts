/** Core (internal): the queue of injected faults (R-STATE-3), `mock.injectFault` and `POST /__mock/faults`. */
import type { Caller } from '../domain/index.ts'
import {
  AccessDeniedException,
  InternalServerException,
  ServiceQuotaExceededException,
  ThrottlingException,
} from '../generated/errors.ts'
import type { OperationDescriptor, OperationName } from '../generated/operations.ts'

/** The errors a fault can answer with: the list both the type and the runtime check of a fault are read from. */
export const FAULT_ERRORS = [
  'ThrottlingException',
  'InternalServerException',
  'ServiceQuotaExceededException',
  'AccessDeniedException',
] as const

/** One of {@link FAULT_ERRORS}. */
export type FaultError = (typeof FAULT_ERRORS)[number]

/** A fault to inject into the next matching calls (R-STATE-3). */
export interface FaultSpec {
  /**
   * Which operation fails; when absent, the next call of any operation whose model declares `error`
   * (ServiceQuotaExceededException only hits CreateCollaboration and CreateMembership).
   */
  operation?: OperationName
  /** Only calls from this account; every caller when absent. */
  accountId?: string
  /**
   * The error to answer with. AccessDeniedException (every operation declares it) is the only way to see
   * one: the mock has no IAM policies to deny anything by itself.
   */
  error: FaultError
  /** How many calls fail before the fault is spent. Default 1. */
  times?: number
}

/** The queued faults of one mock. */
export interface FaultQueue {
  /**
   * Queues a fault.
   * @throws TypeError when the fault is malformed or `fault.operation` does not declare `fault.error` (R-WIRE-2)
   */
  push(fault: FaultSpec): void
  /** The error for this call if a queued fault matches it (and counts the call against that fault). */
  take(operation: OperationName, caller: Caller): Error | undefined
  clear(): void
}

/** A fault queue for a profile's operations. */
export function createFaultQueue(
  operations: Readonly<Record<OperationName, OperationDescriptor>>,
): FaultQueue {
  const faults: Array<Required<Pick<FaultSpec, 'error' | 'times'>> & FaultSpec> = []
  return {
    push(fault) {
      assertFaultSpec(fault, operations)
      if (
        fault.operation !== undefined &&
        !operations[fault.operation].errors.some((error) => error.name === fault.error)
      ) {
        throw new TypeError(
          `injectFault: ${fault.operation} does not declare ${fault.error}, so it can never fail with it`,
        )
      }
      faults.push({ ...fault, times: fault.times ?? 1 })
    },
    take(operation, caller) {
      // A fault only hits operations whose model declares its error (R-WIRE-2): a quota fault queued for
      // "every operation" waits for CreateCollaboration or CreateMembership instead of turning a GetMembership
      // into an undeclared error (which error-response.ts would report as a mock bug, 500).
      const declared = operations[operation].errors
      const index = faults.findIndex(
        (fault) =>
          (fault.operation === undefined || fault.operation === operation) &&
          (fault.accountId === undefined || fault.accountId === caller.accountId) &&
          declared.some((error) => error.name === fault.error),
      )
      const fault = faults[index]
      if (!fault) return undefined
      fault.times -= 1
      if (fault.times <= 0) faults.splice(index, 1)
      return toFaultError(fault.error)
    },
    clear() {
      faults.length = 0
    },
  }
}

/** Checks a fault that may come from plain JavaScript or JSON (the server's POST /__mock/faults). */
function assertFaultSpec(fault: FaultSpec, operations: Readonly<Record<string, unknown>>): void {
  const spec = fault as unknown as Record<string, unknown>
  if (typeof spec !== 'object' || spec === null) throw new TypeError('injectFault: a fault is an object')
  if (typeof spec['error'] !== 'string' || !(FAULT_ERRORS as readonly string[]).includes(spec['error'])) {
    throw new TypeError(`injectFault: error must be one of ${FAULT_ERRORS.join(', ')}`)
  }
  const operation = spec['operation']
  if (operation !== undefined && (typeof operation !== 'string' || !Object.hasOwn(operations, operation))) {
    throw new TypeError(`injectFault: unknown operation ${String(operation)}`)
  }
  const accountId = spec['accountId']
  if (accountId !== undefined && typeof accountId !== 'string') {
    throw new TypeError('injectFault: accountId must be a string')
  }
  const times = spec['times']
  if (times !== undefined && !(Number.isInteger(times) && (times as number) > 0)) {
    throw new TypeError('injectFault: times must be a positive integer')
  }
}

function toFaultError(name: FaultError): Error {
  switch (name) {
    case 'ThrottlingException':
      return new ThrottlingException({ message: 'Rate exceeded (injected fault)' })
    case 'InternalServerException':
      return new InternalServerException({ message: 'Internal failure (injected fault)' })
    case 'ServiceQuotaExceededException':
      return new ServiceQuotaExceededException({
        message: 'Service quota exceeded (injected fault)',
        quotaName: 'Injected quota',
        quotaValue: 0,
      })
    case 'AccessDeniedException':
      return new AccessDeniedException({
        message: 'User is not authorized to perform this action (injected fault)',
        reason: 'INSUFFICIENT_PERMISSIONS',
      })
  }
}
