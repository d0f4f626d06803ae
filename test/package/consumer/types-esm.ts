// Type check of an ES module consumer (tsc with module nodenext, then bundler): the package's msw types are
// the consumer's msw (2 or 3), so setupServer takes mock.handlers.
import { CleanRoomsClient } from '@aws-sdk/client-cleanrooms'
import { type CleanRoomsMock, createCleanRoomsMock } from 'cleanrooms-mock'
import { providerStates } from 'cleanrooms-mock/contracts'
import { startServer } from 'cleanrooms-mock/server'
import type { Membership } from 'cleanrooms-mock/types'
import { setupServer } from 'msw/node'

const mock: CleanRoomsMock = createCleanRoomsMock({ seed: 7 })
export const server = setupServer(...mock.handlers)
export const client = new CleanRoomsClient({ region: 'us-east-1', requestHandler: mock.requestHandler })
export const started = startServer({ mock, port: 0 })
export const states = providerStates
export const id = (membership: Membership): string => membership.id
