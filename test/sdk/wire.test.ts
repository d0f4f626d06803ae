/** SDK suite: the restJson1 wire (R-WIRE-1..7): statuses, headers, timestamps, error mapping, parsing, validation, order of checks, faults. */
import {
  AccessDeniedException,
  CleanRoomsServiceException,
  ConflictException,
  CreateCollaborationCommand,
  type CreateCollaborationCommandInput,
  CreateMembershipCommand,
  GetMembershipCommand,
  InternalServerException,
  ListMembersCommand,
  ListMembershipsCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  UpdateMembershipCommand,
  ValidationException,
} from '@aws-sdk/client-cleanrooms'
import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import {
  editSignedRequest,
  rawRequest,
  readResponse,
  recordResponses,
  rejectionOf,
  sigV4Authorization,
} from './raw-request.ts'
import {
  A,
  B,
  C,
  collaborationInput,
  createCollaboration,
  join,
  MISSING,
  member,
  pay,
  UUID,
} from './rule-helpers.ts'
import { type Harness, transports } from './transports.ts'

/** 2023-11-14T22:13:20.123Z: a clock with a fraction of a second, to see fractions survive the wire. */
const T_MS = 1_700_000_000_123
/** What a user checks on a field validation failure (R-WIRE-5). */
function expectFieldErrors(error: unknown, fieldList: Array<{ name: string; message: string }>): void {
  expect(error).toBeInstanceOf(ValidationException)
  const e = error as ValidationException
  expect(e.$metadata.httpStatusCode).toBe(400)
  expect(e.$fault).toBe('client')
  expect(e.reason).toBe('FIELD_VALIDATION_FAILED')
  expect(e.fieldList).toEqual(fieldList)
  const n = fieldList.length
  expect(e.message.startsWith(`${n} validation error${n === 1 ? '' : 's'} detected: `)).toBe(true)
}

/** A non-modeled error (R-WIRE-3/4, R-ID-3): the SDK's generic class, keeping the name from x-amzn-errortype. */
function expectGenericError(error: unknown, name: string, status: number): CleanRoomsServiceException {
  expect(error).toBeInstanceOf(CleanRoomsServiceException)
  const e = error as CleanRoomsServiceException
  expect(e.constructor).toBe(CleanRoomsServiceException)
  expect(e.name).toBe(name)
  expect(e.$fault).toBe('client')
  expect(e.$metadata.httpStatusCode).toBe(status)
  return e
}

describe.each(transports)('through $name', (transport) => {
  let h: Harness
  beforeEach(async () => {
    h = await transport.start({ clock: () => T_MS })
  })
  afterEach(() => h.close())

  /** A collaboration where A can query and B receives results; returns its id. */
  const collaboration = (overrides: Partial<CreateCollaborationCommandInput> = {}) =>
    createCollaboration(h.client(A), {
      creatorMemberAbilities: ['CAN_QUERY'],
      members: [member(B, ['CAN_RECEIVE_RESULTS']), member(C)],
      ...overrides,
    })

  describe('R-WIRE-1 success', () => {
    it('R-WIRE-1: a success is 200, application/json, with a UUID x-amzn-requestid the SDK reports as $metadata.requestId', async () => {
      const client = h.client(A)
      const responses = recordResponses(client)
      const first = await client.send(new ListMembershipsCommand({}))
      const second = await client.send(new ListMembershipsCommand({}))
      expect(first.$metadata.httpStatusCode).toBe(200)
      expect(first.$metadata.requestId).toMatch(UUID)
      expect(second.$metadata.requestId).toMatch(UUID)
      expect(second.$metadata.requestId).not.toBe(first.$metadata.requestId)
      expect(
        responses.map((r) => [r.statusCode, r.headers['content-type'], r.headers['x-amzn-requestid']]),
      ).toEqual([
        [200, 'application/json', first.$metadata.requestId],
        [200, 'application/json', second.$metadata.requestId],
      ])
      expect(first.membershipSummaries).toEqual([])
    })

    it('R-WIRE-1: raw, the body is the output shape and every response carries its own request id', async () => {
      const one = await readResponse(await h.raw(rawRequest('/memberships')))
      const two = await readResponse(await h.raw(rawRequest('/memberships')))
      expect(one).toEqual({
        status: 200,
        contentType: 'application/json',
        requestId: one.requestId,
        errorType: null,
        body: { membershipSummaries: [] },
      })
      expect(one.requestId).toMatch(UUID)
      expect(two.requestId).toMatch(UUID)
      expect(two.requestId).not.toBe(one.requestId)
    })

    it('R-WIRE-1: timestamps are epoch seconds as JSON numbers, fractions kept; the SDK turns them into Dates', async () => {
      const { collaboration: created } = await h
        .client(A)
        .send(new CreateCollaborationCommand(collaborationInput()))
      expect(created?.createTime).toEqual(new Date(T_MS))
      expect(created?.updateTime).toEqual(new Date(T_MS))
      const membership = await join(h.client(A), created?.id ?? '')
      expect(membership.createTime).toEqual(new Date('2023-11-14T22:13:20.123Z'))

      const raw = await readResponse(await h.raw(rawRequest(`/memberships/${membership.id}`)))
      const wire = (raw.body as { membership: Record<string, unknown> }).membership
      expect(wire['createTime']).toBe(1_700_000_000.123)
      expect(wire['updateTime']).toBe(1_700_000_000.123)
    })
  })

  describe('R-WIRE-2 errors', () => {
    it('R-WIRE-2: an error has its modeled status, x-amzn-errortype and a body of message plus modeled members', async () => {
      const raw = await readResponse(await h.raw(rawRequest(`/memberships/${MISSING}`)))
      expect(raw).toEqual({
        status: 404,
        contentType: 'application/json',
        requestId: raw.requestId,
        errorType: 'ResourceNotFoundException',
        body: {
          message: `Membership ${MISSING} was not found`,
          resourceId: MISSING,
          resourceType: 'MEMBERSHIP',
        },
      })
      expect(raw.requestId).toMatch(UUID)
    })

    it('R-WIRE-2: the SDK maps 400, 404 and 409 to their typed classes with $fault and the HTTP status', async () => {
      const client = h.client(B)
      const responses = recordResponses(client)
      const invalid = await rejectionOf(client.send(new GetMembershipCommand({ membershipIdentifier: 'X' })))
      expect(invalid).toBeInstanceOf(ValidationException)
      expect(invalid).toMatchObject({
        name: 'ValidationException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      })

      const missing = await rejectionOf(
        client.send(new GetMembershipCommand({ membershipIdentifier: MISSING })),
      )
      expect(missing).toBeInstanceOf(ResourceNotFoundException)
      expect(missing).toMatchObject({
        name: 'ResourceNotFoundException',
        $fault: 'client',
        $metadata: { httpStatusCode: 404 },
        resourceId: MISSING,
        resourceType: 'MEMBERSHIP',
      })

      const id = await collaboration()
      const membership = await join(client, id)
      const again = await rejectionOf(join(client, id))
      expect(again).toBeInstanceOf(ConflictException)
      expect(again).toMatchObject({
        name: 'ConflictException',
        $fault: 'client',
        $metadata: { httpStatusCode: 409 },
        reason: 'ALREADY_EXISTS',
        resourceId: membership.id,
        resourceType: 'MEMBERSHIP',
      })
      expect(responses.map((r) => [r.statusCode, r.headers['x-amzn-errortype']])).toEqual([
        [400, 'ValidationException'],
        [404, 'ResourceNotFoundException'],
        [200, undefined],
        [409, 'ConflictException'],
      ])
    })

    it('R-WIRE-2: injected faults arrive as ServiceQuotaExceededException 402, ThrottlingException 429, InternalServerException 500', async () => {
      h.mock.injectFault({ operation: 'CreateCollaboration', error: 'ServiceQuotaExceededException' })
      h.mock.injectFault({ operation: 'ListMemberships', error: 'ThrottlingException' })
      h.mock.injectFault({ operation: 'GetMembership', error: 'InternalServerException' })
      const client = h.client(A)

      const quota = await rejectionOf(client.send(new CreateCollaborationCommand(collaborationInput())))
      expect(quota).toBeInstanceOf(ServiceQuotaExceededException)
      expect(quota).toMatchObject({
        $fault: 'client',
        $metadata: { httpStatusCode: 402 },
        message: 'Service quota exceeded (injected fault)',
        quotaName: 'Injected quota',
        quotaValue: 0,
      })
      const throttled = await rejectionOf(client.send(new ListMembershipsCommand({})))
      expect(throttled).toBeInstanceOf(ThrottlingException)
      expect(throttled).toMatchObject({
        $fault: 'client',
        $metadata: { httpStatusCode: 429 },
        message: 'Rate exceeded (injected fault)',
      })
      const internal = await rejectionOf(
        client.send(new GetMembershipCommand({ membershipIdentifier: MISSING })),
      )
      expect(internal).toBeInstanceOf(InternalServerException)
      expect(internal).toMatchObject({
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
        message: 'Internal failure (injected fault)',
      })
      // Each fault was spent once: the same calls now succeed or fail on their own merits.
      await expect(client.send(new ListMembershipsCommand({}))).resolves.toMatchObject({
        membershipSummaries: [],
      })
    })

    it('R-WIRE-2: an injected AccessDeniedException arrives as 403 with reason INSUFFICIENT_PERMISSIONS', async () => {
      h.mock.injectFault({ operation: 'CreateMembership', error: 'AccessDeniedException' })
      const denied = await rejectionOf(
        h
          .client(B)
          .send(
            new CreateMembershipCommand({ collaborationIdentifier: MISSING, queryLogStatus: 'DISABLED' }),
          ),
      )
      expect(denied).toBeInstanceOf(AccessDeniedException)
      expect(denied).toMatchObject({
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'User is not authorized to perform this action (injected fault)',
        reason: 'INSUFFICIENT_PERMISSIONS',
      })
    })

    it('R-WIRE-2: with maxAttempts 3 the SDK retries two throttles and the third attempt succeeds', async () => {
      h.mock.injectFault({ operation: 'ListMemberships', error: 'ThrottlingException', times: 2 })
      // The SDK's standard strategy (it decides that a 429 is retryable), with a 1 ms backoff instead of
      // up to a second, so the test stays fast.
      const client = h.client(A, { maxAttempts: 3, retryStrategy: new ConfiguredRetryStrategy(3, 1) })
      const responses = recordResponses(client)
      const output = await client.send(new ListMembershipsCommand({}))
      expect(output.membershipSummaries).toEqual([])
      expect(output.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 3, totalRetryDelay: 2 })
      // The recorder sits inside the retry loop: it saw every attempt.
      expect(responses.map((r) => r.statusCode)).toEqual([429, 429, 200])
    })

    it('R-WIRE-2: with maxAttempts 1 the same throttle reaches the caller', async () => {
      h.mock.injectFault({ operation: 'ListMemberships', error: 'ThrottlingException', times: 2 })
      const error = await rejectionOf(h.client(A).send(new ListMembershipsCommand({})))
      expect(error).toBeInstanceOf(ThrottlingException)
      expect((error as ThrottlingException).$metadata.attempts).toBe(1)
    })
  })

  describe('R-WIRE-3 body parsing', () => {
    it('R-WIRE-3: malformed JSON is 400 SerializationException', async () => {
      const raw = await readResponse(await h.raw(rawRequest('/memberships', { body: '{"queryLogStatus": ' })))
      expect(raw.status).toBe(400)
      expect(raw.errorType).toBe('SerializationException')
      expect(raw.body).toEqual({ message: expect.stringMatching(/^Request body is not valid JSON: /) })
    })

    it('R-WIRE-3: a body that is a JSON array, string, number or null is 400 SerializationException', async () => {
      for (const body of ['[1,2]', '"text"', '42', 'null']) {
        const raw = await readResponse(await h.raw(rawRequest('/collaborations', { body })))
        expect([body, raw.status, raw.errorType, raw.body]).toEqual([
          body,
          400,
          'SerializationException',
          { message: 'Request body must be a JSON object' },
        ])
      }
    })

    it('R-WIRE-3: a string where the model has a boolean, sent by the SDK, is SerializationException 400', async () => {
      const error = await rejectionOf(
        h.client(A).send(
          new CreateMembershipCommand({
            collaborationIdentifier: MISSING,
            queryLogStatus: 'DISABLED',
            isMetricsEnabled: 'yes' as unknown as boolean,
          }),
        ),
      )
      const e = expectGenericError(error, 'SerializationException', 400)
      expect(e.message).toBe(
        "Request body has members of the wrong type: 'isMetricsEnabled': Member must be of type boolean",
      )
    })

    it('R-WIRE-3: an object where the model has a list, and a number where it has a string, are SerializationException', async () => {
      const body = { ...collaborationInput(), members: { accountId: B }, name: 7 }
      const raw = await readResponse(await h.raw(rawRequest('/collaborations', { body })))
      expect(raw.status).toBe(400)
      expect(raw.errorType).toBe('SerializationException')
      expect(raw.body).toEqual({
        message:
          "Request body has members of the wrong type: 'members': Member must be of type list; 'name': Member must be of type string",
      })
    })

    it('R-WIRE-3: an integer query parameter that is not a number is SerializationException', async () => {
      const raw = await readResponse(await h.raw(rawRequest('/memberships?maxResults=ten')))
      expect([raw.status, raw.errorType, raw.body]).toEqual([
        400,
        'SerializationException',
        { message: "Query parameter maxResults must be an integer, got 'ten'" },
      ])
    })

    it('R-WIRE-3: a body nesting objects or arrays thousands deep is SerializationException, not a mock bug', async () => {
      const before = h.mock.snapshot()
      // An unknown member of a modeled structure, nested 10 000 deep: valid JSON.
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`
      const flags = {
        allowCleartext: true,
        allowDuplicates: true,
        allowJoinsOnColumnsWithDifferentNames: true,
      }
      const metadata = JSON.stringify({ ...flags, preserveNulls: true }).replace(/}$/, `,"padding":${deep}}`)
      const body = JSON.stringify(collaborationInput()).replace(
        /}$/,
        `,"dataEncryptionMetadata":${metadata}}`,
      )
      const raw = await readResponse(await h.raw(rawRequest('/collaborations', { body })))
      expect([raw.status, raw.errorType, raw.body]).toEqual([
        400,
        'SerializationException',
        { message: 'Request body nests objects and arrays more than 100 levels deep' },
      ])
      expect(h.mock.snapshot()).toEqual(before)
    })

    it('R-WIRE-3: a query parameter given twice is a list where the model has one value: SerializationException', async () => {
      const raw = await readResponse(await h.raw(rawRequest('/memberships?status=ACTIVE&status=REMOVED')))
      expect([raw.status, raw.errorType, raw.body]).toEqual([
        400,
        'SerializationException',
        { message: 'Query parameter status must have one value, got 2' },
      ])
    })

    it('R-WIRE-3: an empty POST body reads as {}, so the required members are reported missing (R-WIRE-5)', async () => {
      const raw = await readResponse(await h.raw(rawRequest('/memberships', { method: 'POST' })))
      expect(raw.status).toBe(400)
      expect(raw.errorType).toBe('ValidationException')
      expect(raw.body).toEqual({
        message:
          "2 validation errors detected: Value at 'collaborationIdentifier' failed to satisfy constraint: Member must not be null; " +
          "Value at 'queryLogStatus' failed to satisfy constraint: Member must not be null",
        reason: 'FIELD_VALIDATION_FAILED',
        fieldList: [
          { name: 'collaborationIdentifier', message: 'Member must not be null' },
          { name: 'queryLogStatus', message: 'Member must not be null' },
        ],
      })
    })

    it('R-WIRE-3: an empty PATCH body reads as {} (nothing to change), so the operation runs and finds no membership', async () => {
      const raw = await readResponse(await h.raw(rawRequest(`/memberships/${MISSING}`, { method: 'PATCH' })))
      expect([raw.status, raw.errorType]).toEqual([404, 'ResourceNotFoundException'])
    })
  })

  describe('R-WIRE-4 unknown paths', () => {
    it('R-WIRE-4: a path or method no operation has is 404 UnknownOperationException', async () => {
      for (const [method, path] of [
        ['GET', '/collaborations'],
        ['GET', '/no/such/path'],
        ['DELETE', `/memberships/${MISSING}`],
        ['POST', `/collaborations/${MISSING}/members`],
      ] as const) {
        const raw = await readResponse(
          await h.raw(rawRequest(path, { method, ...(method === 'POST' && { body: {} }) })),
        )
        expect([method, path, raw.status, raw.errorType, raw.body]).toEqual([
          method,
          path,
          404,
          'UnknownOperationException',
          { message: `No operation matches ${method} ${path}` },
        ])
      }
    })
  })

  describe('R-WIRE-5 input validation', () => {
    const send = (input: Partial<CreateCollaborationCommandInput>) =>
      rejectionOf(h.client(A).send(new CreateCollaborationCommand(collaborationInput(input))))

    it('R-WIRE-5: required members missing, each named', async () => {
      const error = await rejectionOf(
        h.client(A).send(new CreateCollaborationCommand({} as CreateCollaborationCommandInput)),
      )
      expectFieldErrors(
        error,
        [
          'members',
          'name',
          'description',
          'creatorMemberAbilities',
          'creatorDisplayName',
          'queryLogStatus',
        ].map((name) => ({ name, message: 'Member must not be null' })),
      )
    })

    it('R-WIRE-5: length, both bounds', async () => {
      expectFieldErrors(await send({ creatorDisplayName: 'x'.repeat(101) }), [
        { name: 'creatorDisplayName', message: 'Member must have length less than or equal to 100' },
      ])
      const empty = await rejectionOf(
        h
          .client(A)
          .send(new CreateMembershipCommand({ collaborationIdentifier: 'abc', queryLogStatus: 'DISABLED' })),
      )
      expectFieldErrors(empty, [
        { name: 'collaborationIdentifier', message: 'Member must have length greater than or equal to 36' },
        {
          name: 'collaborationIdentifier',
          message:
            'Member must satisfy regular expression pattern: ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
        },
      ])
    })

    it('R-WIRE-5: pattern, on a path label and in a body', async () => {
      const upper = MISSING.toUpperCase().replace('0000-4000', 'ABCD-4000')
      const error = await rejectionOf(
        h.client(A).send(new GetMembershipCommand({ membershipIdentifier: upper })),
      )
      expectFieldErrors(error, [
        {
          name: 'membershipIdentifier',
          message:
            'Member must satisfy regular expression pattern: ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
        },
      ])
      expectFieldErrors(await send({ description: '   ' }), [
        {
          name: 'description',
          message:
            'Member must satisfy regular expression pattern: ^(?!\\s*$)[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDBFF-\\uDC00\\uDFFF\\t\\r\\n]*$',
        },
      ])
    })

    it('R-WIRE-5: an empty identifier (the SDK sends GET /memberships/) is a validation error, not an unknown path', async () => {
      const error = await rejectionOf(
        h.client(A).send(new GetMembershipCommand({ membershipIdentifier: '' })),
      )
      expect(error).toBeInstanceOf(ValidationException)
      expect((error as ValidationException).fieldList?.[0]).toEqual({
        name: 'membershipIdentifier',
        message: 'Member must have length greater than or equal to 36',
      })
    })

    it('R-WIRE-5: range, maxResults 0 and 101 on both list operations', async () => {
      const client = h.client(A)
      const id = await collaboration()
      for (const [maxResults, message] of [
        [0, 'Member must have value greater than or equal to 1'],
        [101, 'Member must have value less than or equal to 100'],
      ] as const) {
        expectFieldErrors(await rejectionOf(client.send(new ListMembershipsCommand({ maxResults }))), [
          { name: 'maxResults', message },
        ])
        expectFieldErrors(
          await rejectionOf(client.send(new ListMembersCommand({ collaborationIdentifier: id, maxResults }))),
          [{ name: 'maxResults', message }],
        )
      }
      // The bounds themselves are accepted.
      await expect(client.send(new ListMembershipsCommand({ maxResults: 1 }))).resolves.toBeDefined()
      await expect(client.send(new ListMembershipsCommand({ maxResults: 100 }))).resolves.toBeDefined()
    })

    it('R-WIRE-5: enum, in a body, a list item and a query parameter', async () => {
      expectFieldErrors(await send({ queryLogStatus: 'SOMETIMES' as 'ENABLED' }), [
        { name: 'queryLogStatus', message: 'Member must satisfy enum value set: [ENABLED, DISABLED]' },
      ])
      expectFieldErrors(await send({ creatorMemberAbilities: ['CAN_QUERY', 'CAN_DANCE' as 'CAN_QUERY'] }), [
        {
          name: 'creatorMemberAbilities.1',
          message: 'Member must satisfy enum value set: [CAN_QUERY, CAN_RECEIVE_RESULTS, CAN_RUN_JOB]',
        },
      ])
      const listed = await rejectionOf(
        h.client(A).send(new ListMembershipsCommand({ status: 'PAUSED' as 'ACTIVE' })),
      )
      expectFieldErrors(listed, [
        {
          name: 'status',
          message: 'Member must satisfy enum value set: [ACTIVE, REMOVED, COLLABORATION_DELETED]',
        },
      ])
    })

    it('R-WIRE-5: uniqueItems', async () => {
      expectFieldErrors(await send({ creatorMemberAbilities: ['CAN_QUERY', 'CAN_QUERY'] }), [
        { name: 'creatorMemberAbilities', message: 'Member must contain unique items' },
      ])
    })

    it('R-WIRE-5: a union needs exactly one member set (the model’s unions here have one member, so none set is the failure)', async () => {
      const error = await rejectionOf(
        h.client(B).send(
          new CreateMembershipCommand({
            collaborationIdentifier: MISSING,
            queryLogStatus: 'DISABLED',
            defaultResultConfiguration: { outputConfiguration: {} as { s3: never } },
          }),
        ),
      )
      expectFieldErrors(error, [
        {
          name: 'defaultResultConfiguration.outputConfiguration',
          message: 'Member must have exactly one member set',
        },
      ])
    })

    it('R-WIRE-5: raw, a union whose only modeled member is null plus an unknown member counts as none set', async () => {
      const body = {
        collaborationIdentifier: MISSING,
        queryLogStatus: 'DISABLED',
        defaultResultConfiguration: { outputConfiguration: { s3: null, gcs: { bucket: 'b' } } },
      }
      const raw = await readResponse(await h.raw(rawRequest('/memberships', { body })))
      expect(raw.status).toBe(400)
      expect(raw.body).toMatchObject({
        reason: 'FIELD_VALIDATION_FAILED',
        fieldList: [
          {
            name: 'defaultResultConfiguration.outputConfiguration',
            message: 'Member must have exactly one member set',
          },
        ],
      })
    })

    it('R-WIRE-5: maps: a tag key too long, a tag value too long (path tags.<key>), more than 200 tags', async () => {
      expectFieldErrors(await send({ tags: { ['k'.repeat(129)]: 'v' } }), [
        {
          name: 'tags',
          message: 'Map keys must satisfy constraint: [Member must have length less than or equal to 128]',
        },
      ])
      expectFieldErrors(await send({ tags: { team: 'v'.repeat(257) } }), [
        { name: 'tags.team', message: 'Member must have length less than or equal to 256' },
      ])
      const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, 'v']))
      expectFieldErrors(await send({ tags: many }), [
        { name: 'tags', message: 'Member must have length less than or equal to 200' },
      ])
    })

    it('R-WIRE-5: nested list items are named by dotted path, e.g. members.0.accountId', async () => {
      const error = await send({
        members: [
          { accountId: '2222', displayName: 'B', memberAbilities: [] },
          member(C),
          {
            accountId: 'abcdefghijkl',
            displayName: '',
            memberAbilities: [],
            paymentConfiguration: {} as never,
          },
        ],
      })
      expectFieldErrors(error, [
        { name: 'members.0.accountId', message: 'Member must have length greater than or equal to 12' },
        { name: 'members.2.accountId', message: 'Member must satisfy regular expression pattern: ^\\d+$' },
        { name: 'members.2.displayName', message: 'Member must have length greater than or equal to 1' },
        {
          name: 'members.2.displayName',
          message:
            'Member must satisfy regular expression pattern: ^(?!\\s*$)[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDBFF-\\uDC00\\uDFFF\\t]*$',
        },
        { name: 'members.2.paymentConfiguration.queryCompute', message: 'Member must not be null' },
      ])
    })

    it('R-WIRE-5: several violations of different kinds come back together, in member order', async () => {
      const error = await send({
        name: '',
        creatorDisplayName: 'x'.repeat(101),
        creatorMemberAbilities: ['CAN_QUERY', 'CAN_QUERY'],
        queryLogStatus: 'MAYBE' as 'ENABLED',
      })
      expectFieldErrors(error, [
        { name: 'name', message: 'Member must have length greater than or equal to 1' },
        {
          name: 'name',
          message:
            'Member must satisfy regular expression pattern: ^(?!\\s*$)[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDBFF-\\uDC00\\uDFFF\\t]*$',
        },
        { name: 'creatorMemberAbilities', message: 'Member must contain unique items' },
        { name: 'creatorDisplayName', message: 'Member must have length less than or equal to 100' },
        { name: 'queryLogStatus', message: 'Member must satisfy enum value set: [ENABLED, DISABLED]' },
      ])
    })

    it('R-WIRE-5: unknown members, top level and nested, are ignored', async () => {
      const body = {
        ...collaborationInput({ members: [member(B)] }),
        colour: 'blue',
        members: [{ ...member(B), shoeSize: 44 }],
      }
      const raw = await readResponse(await h.raw(rawRequest('/collaborations', { body })))
      expect(raw.status).toBe(200)
      const created = (raw.body as { collaboration: { id: string; name: string } }).collaboration
      expect(created.name).toBe('Shared audience')
      const { memberSummaries } = await h
        .client(A)
        .send(new ListMembersCommand({ collaborationIdentifier: created.id }))
      expect(memberSummaries?.map((m) => m.accountId)).toEqual([A, B])
    })

    it('R-WIRE-5: a rejected input changes nothing and reads no state (an unknown collaboration is not reported)', async () => {
      const before = h.mock.snapshot()
      const error = await rejectionOf(
        h.client(B).send(
          new CreateMembershipCommand({
            collaborationIdentifier: MISSING,
            queryLogStatus: 'LOUD' as 'ENABLED',
          }),
        ),
      )
      expectFieldErrors(error, [
        { name: 'queryLogStatus', message: 'Member must satisfy enum value set: [ENABLED, DISABLED]' },
      ])
      expect(h.mock.snapshot()).toEqual(before)
    })
  })

  describe('R-WIRE-6 business rules', () => {
    it('R-WIRE-6: a broken business rule is ValidationException INVALID_CONFIGURATION naming the rule and the field', async () => {
      const error = await rejectionOf(
        h.client(A).send(
          new CreateCollaborationCommand(
            collaborationInput({
              creatorMemberAbilities: ['CAN_QUERY'],
              members: [member(B, ['CAN_QUERY'])],
            }),
          ),
        ),
      )
      expect(error).toBeInstanceOf(ValidationException)
      expect(error).toMatchObject({
        $metadata: { httpStatusCode: 400 },
        reason: 'INVALID_CONFIGURATION',
        message: `At most 1 participant may have CAN_QUERY, but 2 do (the creator, account ${B}).`,
        fieldList: [
          {
            name: 'members.0.memberAbilities',
            message: `At most 1 participant may have CAN_QUERY, but 2 do (the creator, account ${B}).`,
          },
        ],
      })
    })
  })

  describe('R-WIRE-7 order of checks', () => {
    it('R-WIRE-7: a missing Authorization beats an unknown path; a malformed one too', async () => {
      const none = await readResponse(await h.raw(rawRequest('/no/such/path', { authorization: null })))
      expect([none.status, none.errorType]).toEqual([403, 'MissingAuthenticationTokenException'])
      const bad = await readResponse(
        await h.raw(rawRequest('/no/such/path', { authorization: 'Bearer abc' })),
      )
      expect([bad.status, bad.errorType]).toEqual([403, 'IncompleteSignatureException'])
    })

    it('R-WIRE-7: identity beats body parsing and validation', async () => {
      const raw = await readResponse(
        await h.raw(rawRequest('/memberships', { body: '{', authorization: null })),
      )
      expect([raw.status, raw.errorType]).toEqual([403, 'MissingAuthenticationTokenException'])
    })

    it('R-WIRE-7: an unknown path beats malformed JSON', async () => {
      const raw = await readResponse(await h.raw(rawRequest('/no/such/path', { body: '{' })))
      expect([raw.status, raw.errorType]).toEqual([404, 'UnknownOperationException'])
    })

    it('R-WIRE-7: malformed JSON beats validation (no required-member errors are reported)', async () => {
      const raw = await readResponse(await h.raw(rawRequest('/collaborations', { body: '{"name": ' })))
      expect([raw.status, raw.errorType]).toEqual([400, 'SerializationException'])
    })

    it('R-WIRE-7: a wrong JSON type beats a constraint violation in the same body', async () => {
      const body = { collaborationIdentifier: 'short', queryLogStatus: 'DISABLED', isMetricsEnabled: 'no' }
      const raw = await readResponse(await h.raw(rawRequest('/memberships', { body })))
      expect([raw.status, raw.errorType]).toEqual([400, 'SerializationException'])
    })

    it('R-WIRE-7: validation beats not-found', async () => {
      const error = await rejectionOf(
        h.client(B).send(new ListMembersCommand({ collaborationIdentifier: MISSING, maxResults: 0 })),
      )
      expect(error).toBeInstanceOf(ValidationException)
    })

    it('R-WIRE-7: validation beats an injected fault, which then waits for the next valid call', async () => {
      h.mock.injectFault({ operation: 'ListMemberships', error: 'InternalServerException' })
      const invalid = await rejectionOf(h.client(A).send(new ListMembershipsCommand({ maxResults: 0 })))
      expect(invalid).toBeInstanceOf(ValidationException)
      const faulted = await rejectionOf(h.client(A).send(new ListMembershipsCommand({})))
      expect(faulted).toBeInstanceOf(InternalServerException)
    })

    it('R-WIRE-7: not-found beats conflict: another account’s REMOVED membership is 404, not 409', async () => {
      const { membershipIds } = h.mock.seed.collaboration({
        creator: { accountId: A, abilities: ['CAN_QUERY'] },
        members: [{ accountId: B, status: 'REMOVED', membership: { status: 'REMOVED' } }],
      })
      const id = membershipIds[B] ?? ''
      const error = await rejectionOf(
        h
          .client(C)
          .send(new UpdateMembershipCommand({ membershipIdentifier: id, queryLogStatus: 'DISABLED' })),
      )
      expect(error).toBeInstanceOf(ResourceNotFoundException)
      expect(error).toMatchObject({ resourceType: 'MEMBERSHIP', resourceId: id })
      const own = await rejectionOf(
        h
          .client(B)
          .send(new UpdateMembershipCommand({ membershipIdentifier: id, queryLogStatus: 'DISABLED' })),
      )
      expect(own).toBeInstanceOf(ConflictException)
    })

    it('R-WIRE-7: conflict beats business rules, on CreateMembership and UpdateMembership', async () => {
      const id = await collaboration({
        members: [member(B, ['CAN_RECEIVE_RESULTS']), member(C, [], pay({ queryCompute: true }))],
        creatorMemberAbilities: ['CAN_QUERY'],
      })
      const joined = await join(h.client(C), id, { paymentConfiguration: pay({ queryCompute: true }) })
      // Joining again with a payment block that would break R-PAY-4 and a log setting that would break R-MEM-4.
      const again = await rejectionOf(
        join(h.client(C), id, {
          paymentConfiguration: pay({ queryCompute: false }),
          queryLogStatus: 'ENABLED',
        }),
      )
      expect(again).toBeInstanceOf(ConflictException)
      expect(again).toMatchObject({ reason: 'ALREADY_EXISTS', resourceId: joined.id })

      const { membershipIds } = h.mock.seed.collaboration({
        creator: { accountId: A, abilities: ['CAN_QUERY'] },
        members: [{ accountId: B, status: 'LEFT', membership: { status: 'REMOVED' } }],
      })
      const removed = await rejectionOf(
        h.client(B).send(
          new UpdateMembershipCommand({
            membershipIdentifier: membershipIds[B] ?? '',
            queryLogStatus: 'ENABLED',
          }),
        ),
      )
      expect(removed).toBeInstanceOf(ConflictException)
      expect(removed).toMatchObject({ reason: 'INVALID_STATE', resourceType: 'MEMBERSHIP' })
    })

    it('R-WIRE-7: a missing Authorization header removed from a real SDK request beats everything else', async () => {
      const client = editSignedRequest(h.client(A), (request) => {
        delete request.headers['authorization']
      })
      const error = await rejectionOf(
        client.send(new ListMembersCommand({ collaborationIdentifier: 'not-a-uuid', maxResults: 0 })),
      )
      expectGenericError(error, 'MissingAuthenticationTokenException', 403)
    })
  })
})

describe('R-WIRE-4 with MSW: other hosts are left to onUnhandledRequest', () => {
  it('R-WIRE-4: the mock’s handler does not claim a request to another host', async () => {
    const { setupServer } = await import('msw/node')
    const { createCleanRoomsMock } = await import('../../mocks/index.ts')
    const mock = createCleanRoomsMock()
    const unhandled: string[] = []
    const server = setupServer(...mock.handlers)
    server.listen({
      onUnhandledRequest: (request, print) => {
        unhandled.push(`${request.method} ${request.url}`)
        print.error()
      },
    })
    try {
      const other = 'https://s3.us-east-1.amazonaws.com/bucket/key'
      await expect(fetch(other, { headers: { authorization: sigV4Authorization(A) } })).rejects.toThrow()
      expect(unhandled).toEqual([`GET ${other}`])
      const ours = await fetch('https://cleanrooms.eu-west-1.amazonaws.com/memberships', {
        headers: { authorization: sigV4Authorization(A, 'eu-west-1') },
      })
      expect(ours.status).toBe(200)
      expect(unhandled).toHaveLength(1)
    } finally {
      server.close()
    }
  })
})
