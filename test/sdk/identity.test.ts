/** SDK suite: who is calling (R-ID-1..4): region from the credential scope, the account directory, strict mode, missing or malformed Authorization. */
import {
  CleanRoomsServiceException,
  CreateCollaborationCommand,
  CreateMembershipCommand,
  GetMembershipCommand,
  ListMembersCommand,
  ListMembershipsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cleanrooms'
import { afterEach, describe, expect, it } from 'vitest'

import type { CleanRoomsMockOptions } from '../../mocks/index.ts'
import {
  editSignedRequest,
  rawRequest,
  readResponse,
  rejectionOf,
  sigV4Authorization,
} from './raw-request.ts'
import { A, B, collaborationInput, createCollaboration, join, member, T0 } from './rule-helpers.ts'
import { type Harness, transports } from './transports.ts'

/** A non-modeled 403 from the front door: the SDK's generic class with the name from x-amzn-errortype. */
function expect403(error: unknown, name: string, message: string): void {
  expect(error).toBeInstanceOf(CleanRoomsServiceException)
  expect(error).toMatchObject({ name, message, $fault: 'client', $metadata: { httpStatusCode: 403 } })
}

describe.each(transports)('through $name', (transport) => {
  let h: Harness
  const start = async (options: CleanRoomsMockOptions = {}) => {
    h = await transport.start({ clock: () => T0, ...options })
    return h
  }
  afterEach(() => h.close())

  describe('R-ID-1 region', () => {
    it('R-ID-1: state is per region: a collaboration made in us-east-1 does not exist for eu-west-1 callers', async () => {
      await start()
      const id = await createCollaboration(h.client(A), { members: [member(B)] })
      const inEurope = h.client(B, { region: 'eu-west-1' })
      const listed = await rejectionOf(inEurope.send(new ListMembersCommand({ collaborationIdentifier: id })))
      expect(listed).toBeInstanceOf(ResourceNotFoundException)
      expect(listed).toMatchObject({ resourceType: 'COLLABORATION', resourceId: id })
      const joined = await rejectionOf(join(inEurope, id))
      expect(joined).toBeInstanceOf(ResourceNotFoundException)
      expect(joined).toMatchObject({ resourceType: 'COLLABORATION', resourceId: id })
      // The same member in the right region sees it.
      const { memberSummaries } = await h
        .client(B)
        .send(new ListMembersCommand({ collaborationIdentifier: id }))
      expect(memberSummaries?.map((m) => m.accountId)).toEqual([A, B])
    })

    it('R-ID-1: ARNs carry the caller’s region; memberships are listed and read only in their region', async () => {
      await start()
      const creator = h.client(A, { region: 'eu-west-1' })
      const { collaboration } = await creator.send(
        new CreateCollaborationCommand(collaborationInput({ members: [member(B)] })),
      )
      const id = collaboration?.id ?? ''
      expect(collaboration?.arn).toBe(`arn:aws:cleanrooms:eu-west-1:${A}:collaboration/${id}`)
      const membership = await join(h.client(B, { region: 'eu-west-1' }), id)
      expect(membership.arn).toBe(`arn:aws:cleanrooms:eu-west-1:${B}:membership/${membership.id}`)
      expect(membership.collaborationArn).toBe(collaboration?.arn)

      const inEurope = await h.client(B, { region: 'eu-west-1' }).send(new ListMembershipsCommand({}))
      expect(inEurope.membershipSummaries?.map((m) => m.id)).toEqual([membership.id])
      const inVirginia = await h.client(B).send(new ListMembershipsCommand({}))
      expect(inVirginia.membershipSummaries).toEqual([])
      const read = await rejectionOf(
        h.client(B).send(new GetMembershipCommand({ membershipIdentifier: membership.id })),
      )
      expect(read).toBeInstanceOf(ResourceNotFoundException)
      expect(Object.keys(h.mock.snapshot().regions)).toEqual(['eu-west-1'])
    })

    it('R-ID-1: the region is read from the credential scope, not from the host name', async () => {
      await start()
      const raw = await readResponse(
        await h.raw(
          rawRequest('/collaborations', {
            body: collaborationInput(),
            authorization: sigV4Authorization(A, 'ap-southeast-2'),
          }),
        ),
      )
      expect(raw.status).toBe(200)
      const { id, arn } = (raw.body as { collaboration: { id: string; arn: string } }).collaboration
      expect(arn).toBe(`arn:aws:cleanrooms:ap-southeast-2:${A}:collaboration/${id}`)
      expect(Object.keys(h.mock.snapshot().regions)).toEqual(['ap-southeast-2'])
      await expect(
        h
          .client(A, { region: 'ap-southeast-2' })
          .send(new ListMembersCommand({ collaborationIdentifier: id })),
      ).resolves.toMatchObject({ memberSummaries: [{ accountId: A }] })
    })

    it('R-ID-1: a credential scope whose region is not a region name is 403 InvalidSignatureException, signatures checked or not, and stores nothing', async () => {
      for (const [round, options] of [{}, { secrets: { [A]: 'test-secret' } }].entries()) {
        if (round > 0) await h.close()
        await start(options)
        for (const region of ['__proto__', 'evil<script>|x', 'US-EAST-1', 'us-east-1-x']) {
          const refused = await readResponse(
            await h.raw(
              rawRequest('/collaborations', {
                body: collaborationInput(),
                authorization: sigV4Authorization(A, region),
              }),
            ),
          )
          expect([refused.status, refused.errorType]).toEqual([403, 'InvalidSignatureException'])
          expect((refused.body as { message: string }).message).toBe(
            'Credential should be scoped to a valid region. ',
          )
        }
        expect(h.mock.snapshot().regions).toEqual({})
      }
    })
  })

  describe('R-ID-2 accounts', () => {
    it('R-ID-2: the directory maps an access key to its account, even a 12-digit key', async () => {
      await start({ accounts: { AKIACREATOR: A, '222222222222': '333333333333' } })
      const { collaboration } = await h
        .client('AKIACREATOR')
        .send(new CreateCollaborationCommand(collaborationInput({ members: [member('333333333333')] })))
      expect(collaboration?.creatorAccountId).toBe(A)
      // Key 222222222222 is listed, so it is account 333333333333 (the directory first), a member here.
      const membership = await join(h.client('222222222222'), collaboration?.id ?? '')
      expect(membership.arn).toMatch(/^arn:aws:cleanrooms:us-east-1:333333333333:membership\//)
    })

    it('R-ID-2: an unlisted 12-digit key is its own account', async () => {
      await start({ accounts: { AKIACREATOR: A } })
      const { collaboration } = await h.client(B).send(new CreateCollaborationCommand(collaborationInput()))
      expect(collaboration?.creatorAccountId).toBe(B)
    })

    it('R-ID-2: any other key is the default account 123456789012 (decision)', async () => {
      await start()
      const { collaboration } = await h
        .client('AKIAIOSFODNN7EXAMPLE')
        .send(new CreateCollaborationCommand(collaborationInput()))
      expect(collaboration?.creatorAccountId).toBe('123456789012')
      expect(collaboration?.arn).toMatch(/^arn:aws:cleanrooms:us-east-1:123456789012:collaboration\//)
      // Two such keys are one account: the second sees the first one's collaboration.
      const { memberSummaries } = await h
        .client('ASIAOTHERKEY')
        .send(new ListMembersCommand({ collaborationIdentifier: collaboration?.id ?? '' }))
      expect(memberSummaries?.map((m) => m.accountId)).toEqual(['123456789012'])
    })

    it('R-ID-2: the default account can be configured', async () => {
      await start({ defaultAccountId: '555555555555' })
      const { collaboration } = await h
        .client('test')
        .send(new CreateCollaborationCommand(collaborationInput()))
      expect(collaboration?.creatorAccountId).toBe('555555555555')
    })
  })

  describe('R-ID-3 strict mode and missing credentials', () => {
    it('R-ID-3: in strict mode an unlisted key, 12 digits or not, is 403 UnrecognizedClientException', async () => {
      await start({ strict: true, accounts: { AKIACREATOR: A } })
      for (const key of ['AKIASTRANGER', B]) {
        const error = await rejectionOf(h.client(key).send(new ListMembershipsCommand({})))
        expect403(
          error,
          'UnrecognizedClientException',
          'The security token included in the request is invalid.',
        )
      }
      await expect(h.client('AKIACREATOR').send(new ListMembershipsCommand({}))).resolves.toMatchObject({
        membershipSummaries: [],
      })
    })

    it('R-ID-3: without strict mode the same keys are accepted', async () => {
      await start({ accounts: { AKIACREATOR: A } })
      await expect(h.client('AKIASTRANGER').send(new ListMembershipsCommand({}))).resolves.toBeDefined()
    })

    it('R-ID-3: a request without Authorization is 403 MissingAuthenticationTokenException, raw and from the SDK', async () => {
      await start()
      const raw = await readResponse(await h.raw(rawRequest('/memberships', { authorization: null })))
      expect(raw).toMatchObject({
        status: 403,
        errorType: 'MissingAuthenticationTokenException',
        body: { message: 'Missing Authentication Token' },
      })
      const client = editSignedRequest(h.client(A), (request) => {
        delete request.headers['authorization']
      })
      const error = await rejectionOf(client.send(new ListMembershipsCommand({})))
      expect403(error, 'MissingAuthenticationTokenException', 'Missing Authentication Token')
    })

    it('R-ID-3: the Authorization header is required even in a mock without strict mode or accounts', async () => {
      await start({ strict: false })
      const client = editSignedRequest(h.client(A), (request) => {
        delete request.headers['authorization']
      })
      const error = await rejectionOf(client.send(new CreateCollaborationCommand(collaborationInput())))
      expect403(error, 'MissingAuthenticationTokenException', 'Missing Authentication Token')
      expect(h.mock.snapshot()).toEqual({ version: 1, regions: {}, model: '2026-04-17' })
    })

    it('R-ID-3: an Authorization header that is not SigV4-shaped is 403 IncompleteSignatureException', async () => {
      await start()
      const message = 'Authorization header requires a SigV4 Credential, SignedHeaders and Signature'
      for (const authorization of [
        'Bearer abc',
        'AWS4-HMAC-SHA256 Credential=111111111111/20250101/us-east-1/cleanrooms/aws4_request',
        'AWS4-HMAC-SHA256 Credential=111111111111, SignedHeaders=host, Signature=00',
      ]) {
        const raw = await readResponse(await h.raw(rawRequest('/memberships', { authorization })))
        expect([authorization, raw.status, raw.errorType, raw.body]).toEqual([
          authorization,
          403,
          'IncompleteSignatureException',
          { message },
        ])
      }
      const client = editSignedRequest(h.client(A), (request) => {
        request.headers['authorization'] = 'AWS4-HMAC-SHA256 garbage'
      })
      expect403(
        await rejectionOf(client.send(new ListMembershipsCommand({}))),
        'IncompleteSignatureException',
        message,
      )
    })
  })

  describe('R-ID-4 signature checking (opt-in)', () => {
    it('R-ID-4: with secrets configured, the right secret passes and a wrong one is 403 InvalidSignatureException', async () => {
      await start({ secrets: { [A]: 'test-secret' } })
      // The harness signs with secret "test-secret".
      await expect(h.client(A).send(new ListMembershipsCommand({}))).resolves.toMatchObject({
        membershipSummaries: [],
      })
      const wrong = h.client(A, { credentials: { accessKeyId: A, secretAccessKey: 'not-the-secret' } })
      const error = await rejectionOf(
        wrong.send(
          new CreateMembershipCommand({
            collaborationIdentifier: '00000000-0000-4000-8000-000000000000',
            queryLogStatus: 'DISABLED',
          }),
        ),
      )
      expect(error).toBeInstanceOf(CleanRoomsServiceException)
      expect(error).toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } })
    })

    it('R-ID-4, R-WIRE-7: a wrong signature is refused before routing, like every identity check', async () => {
      await start({ secrets: { [A]: 'test-secret' } })
      const unknownPath = await readResponse(
        await h.raw(rawRequest('/no/such/path', { authorization: sigV4Authorization(A) })),
      )
      expect([unknownPath.status, unknownPath.errorType]).toEqual([403, 'IncompleteSignatureException'])
      const signed = await readResponse(
        await h.raw(
          rawRequest('/no/such/path', {
            authorization: sigV4Authorization(A),
            headers: { 'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, '') },
          }),
        ),
      )
      expect([signed.status, signed.errorType]).toEqual([403, 'InvalidSignatureException'])
    })

    it('R-ID-4: without secrets, signatures are not checked (a wrong secret is accepted)', async () => {
      await start()
      const wrong = h.client(A, { credentials: { accessKeyId: A, secretAccessKey: 'anything' } })
      await expect(wrong.send(new ListMembershipsCommand({}))).resolves.toMatchObject({
        membershipSummaries: [],
      })
    })
  })
})
