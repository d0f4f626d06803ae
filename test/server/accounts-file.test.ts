/** serve: the accounts file (access keys, accounts, secrets) and its error messages. */
import { describe, expect, it } from 'vitest'

import { parseAccounts } from '../../mocks/server/accounts-file.ts'

describe('accounts file', () => {
  it('maps access keys to accounts and keeps the secrets apart', () => {
    const settings = parseAccounts({
      accounts: [
        { name: 'alice', accountId: '111111111111', accessKeyId: 'AKIDALICE', secretAccessKey: 's1' },
        { accountId: '222222222222', accessKeyId: 'AKIDBOB' },
      ],
      defaultAccountId: '999999999999',
    })
    expect(settings.accounts).toEqual({ AKIDALICE: '111111111111', AKIDBOB: '222222222222' })
    expect(settings.secrets).toEqual({ AKIDALICE: 's1' })
    expect(settings.defaultAccountId).toBe('999999999999')
    expect(settings.entries[0]?.name).toBe('alice')
  })

  it.each([
    ['no accounts list', {}, /expected \{"accounts"/],
    [
      'an account id that is not 12 digits',
      { accounts: [{ accountId: '123', accessKeyId: 'A' }] },
      /accounts\[0\]\.accountId/,
    ],
    ['a missing access key', { accounts: [{ accountId: '111111111111' }] }, /accounts\[0\]\.accessKeyId/],
    [
      'an access key listed twice',
      {
        accounts: [
          { accountId: '111111111111', accessKeyId: 'A' },
          { accountId: '222222222222', accessKeyId: 'A' },
        ],
      },
      /accounts\[1\]\.accessKeyId A is listed twice/,
    ],
  ])('refuses %s, naming the entry', (_name, value, message) => {
    expect(() => parseAccounts(value, 'accounts.json')).toThrow(message)
  })
})
