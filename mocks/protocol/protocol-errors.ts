/** Protocol layer: errors AWS's front door returns that the service model does not declare. */

/** The non-modeled errors the mock can answer with, and their HTTP status. */
export const protocolErrorStatus = {
  SerializationException: 400,
  UnknownOperationException: 404,
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403,
  /** Server only: a body over the size limit, refused before it is read whole (docs/decisions/0003). */
  RequestEntityTooLargeException: 413,
  /** Server only: a client that stops sending its body mid-way. */
  RequestTimeoutException: 408,
  /** Server only: the control surface refuses a foreign Host or Origin, or a missing control token. */
  ForbiddenException: 403,
  /** Server only: a control action that changes the state, sent without `content-type: application/json`. */
  UnsupportedMediaTypeException: 415,
} as const

export type ProtocolErrorName = keyof typeof protocolErrorStatus

/**
 * An error raised before the request reaches the domain (identity, routing, parsing).
 * The SDK builds a generic `CleanRoomsServiceException` carrying this name.
 */
export class ProtocolError extends Error {
  override readonly name: ProtocolErrorName

  constructor(name: ProtocolErrorName, message: string) {
    super(message)
    this.name = name
  }
}
