// Type check of a CommonJS consumer (tsc with module nodenext): require-resolved declarations, and the
// consumer's own msw types, so setupServer takes mock.handlers (no "'resolver' is protected").
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
