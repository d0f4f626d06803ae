/** Protocol layer: the only place where an error becomes an HTTP response (R-WIRE-2). */
import {
  type CleanRoomsServiceException,
  InternalServerException,
  isServiceException,
} from '../generated/errors.ts'
import { errorStatus, type OperationDescriptor } from '../generated/operations.ts'
import { ProtocolError, protocolErrorStatus } from './protocol-errors.ts'
import type { WireResponse } from './wire.ts'

/**
 * Renders any thrown value as a restJson1 error: the modeled status, `x-amzn-errortype: <Name>` (the SDK
 * reads the error name from it first) and a JSON body of `message` plus the modeled members.
 *
 * @note An operation answers only the errors its model declares (R-WIRE-2). A modeled error the
 * operation does not declare, or any unexpected exception, is a bug in the mock: it becomes an
 * InternalServerException whose message says so, instead of a contract the real service breaks.
 */
export function toErrorResponse(
  error: unknown,
  operation: OperationDescriptor | undefined,
  requestId: string,
): WireResponse {
  if (error instanceof ProtocolError) {
    return render(protocolErrorStatus[error.name], error.name, { message: error.message }, requestId)
  }
  let exception: CleanRoomsServiceException
  if (isServiceException(error)) {
    const declared = !operation || operation.errors.some((declaredError) => declaredError.name === error.name)
    exception = declared
      ? error
      : new InternalServerException({
          message: `Mock bug: ${operation.name} does not declare ${error.name} (${error.message})`,
        })
  } else {
    const reason = error instanceof Error ? error.message : String(error)
    exception = new InternalServerException({ message: `Mock bug: unexpected failure: ${reason}` })
  }
  return render(errorStatus[exception.name], exception.name, exception.body, requestId)
}

function render(status: number, name: string, body: object, requestId: string): WireResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': name,
    },
    body: JSON.stringify(body),
  }
}
