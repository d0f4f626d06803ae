/** Contracts layer: ready-made expectations for the modeled errors a consumer handles. */
import { MatchersV3 } from '@pact-foundation/pact'
import type {
  AccessDeniedExceptionBody,
  ConflictExceptionBody,
  ResourceNotFoundExceptionBody,
  ValidationExceptionBody,
} from '../../mocks/generated/errors.ts'
import type {
  ConflictExceptionReason,
  ResourceType,
  ValidationExceptionReason,
} from '../../mocks/generated/types.ts'
import type { Expected } from './contract-types.ts'

const { equal } = MatchersV3

// The message is matched by type only: its wording is the provider's, the reason is the contract.
const MESSAGE = 'The request was rejected'

/**
 * A 400 `ValidationException` with exactly this `reason` (R-WIRE-5 field validation, R-WIRE-6 business
 * rules such as the payer rules R-PAY-*). `fieldList` entries, when given, are matched as written.
 */
export function validationException(
  reason: ValidationExceptionReason,
  extra: { fieldList?: Expected<ValidationExceptionBody['fieldList']> } = {},
): { name: 'ValidationException'; body: Expected<ValidationExceptionBody> } {
  const body: Expected<ValidationExceptionBody> = { message: MESSAGE, reason: equal(reason) }
  if (extra.fieldList !== undefined) body.fieldList = extra.fieldList
  return { name: 'ValidationException', body }
}

/** A 404 `ResourceNotFoundException` for a resource of this type (R-MEM-1, R-GET-1, R-LIST-1). */
export function resourceNotFound(resourceType: ResourceType): {
  name: 'ResourceNotFoundException'
  body: Expected<ResourceNotFoundExceptionBody>
} {
  return {
    name: 'ResourceNotFoundException',
    body: { message: MESSAGE, resourceId: 'resource-id', resourceType: equal(resourceType) },
  }
}

/** A 409 `ConflictException` with this `reason` (R-MEM-2, R-UPD-2). */
export function conflict(
  reason: ConflictExceptionReason,
  resourceType: ResourceType = 'MEMBERSHIP',
): { name: 'ConflictException'; body: Expected<ConflictExceptionBody> } {
  return {
    name: 'ConflictException',
    body: { message: MESSAGE, reason: equal(reason), resourceType: equal(resourceType) },
  }
}

/** A 403 `AccessDeniedException`. */
export function accessDenied(): { name: 'AccessDeniedException'; body: Expected<AccessDeniedExceptionBody> } {
  return { name: 'AccessDeniedException', body: { message: MESSAGE } }
}
