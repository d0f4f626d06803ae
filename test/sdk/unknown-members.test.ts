/** R-WIRE-5: members the model does not have are ignored at every depth: never stored, never echoed. */
import { GetMembershipCommand } from '@aws-sdk/client-cleanrooms'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { rawRequest, readResponse } from './raw-request.ts'
import { type Harness, transports } from './transports.ts'

describe.each(transports)('through $name', (transport) => {
  let h: Harness
  beforeEach(async () => {
    h = await transport.start()
  })
  afterEach(() => h.close())

  it('R-WIRE-5: unknown members inside nested structures, unions and list items are dropped', async () => {
    const { collaborationId } = h.mock.seed.collaboration({
      creator: { accountId: '111111111111', abilities: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'] },
      dataEncryptionMetadata: {
        allowCleartext: true,
        allowDuplicates: false,
        allowJoinsOnColumnsWithDifferentNames: false,
        preserveNulls: true,
      },
    })
    const created = await readResponse(
      await h.raw(
        rawRequest('/memberships', {
          body: {
            collaborationIdentifier: collaborationId,
            queryLogStatus: 'DISABLED',
            topLevelSurprise: true,
            paymentConfiguration: { queryCompute: { isResponsible: true, note: 'mine' }, extra: {} },
            defaultResultConfiguration: {
              outputConfiguration: { s3: { bucket: 'results-bucket', resultFormat: 'CSV', hidden: 'x' } },
              roleArn: 'arn:aws:iam::111111111111:role/results-writer',
              comment: 'not modeled',
            },
          },
        }),
      ),
    )
    expect(created.status).toBe(200)
    const { membership } = await h.client('111111111111').send(
      new GetMembershipCommand({
        membershipIdentifier: (created.body as { membership: { id: string } }).membership.id,
      }),
    )
    expect(membership?.paymentConfiguration).toEqual({ queryCompute: { isResponsible: true } })
    expect(membership?.defaultResultConfiguration).toEqual({
      outputConfiguration: { s3: { bucket: 'results-bucket', resultFormat: 'CSV' } },
      roleArn: 'arn:aws:iam::111111111111:role/results-writer',
    })
    const stored = JSON.stringify(h.mock.snapshot())
    for (const unknown of ['topLevelSurprise', 'note', 'extra', 'hidden', 'comment']) {
      expect(stored).not.toContain(`"${unknown}"`)
    }
  })
})
