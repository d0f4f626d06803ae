/** Server layer (node only): reads the `--accounts` JSON file into the mock's account directory and secrets. */
import { readFile } from 'node:fs/promises'

/** One access key of one account, as written in the accounts file. */
export interface AccountEntry {
  /** 12 digits. */
  accountId: string
  accessKeyId: string
  /** Needed only for `--check-signatures` (R-ID-4). */
  secretAccessKey?: string
  /** A label for the start-up banner ("alice", "provider-team"). */
  name?: string
}

/**
 * The accounts file:
 *
 * ```json
 * { "accounts": [
 *     { "name": "alice", "accountId": "111111111111", "accessKeyId": "AKIDALICE", "secretAccessKey": "alice-secret" },
 *     { "name": "bob",   "accountId": "222222222222", "accessKeyId": "AKIDBOB",   "secretAccessKey": "bob-secret" } ],
 *   "defaultAccountId": "123456789012" }
 * ```
 */
export interface AccountsFile {
  accounts: AccountEntry[]
  defaultAccountId?: string
}

/** What the mock's options take, derived from the file. */
export interface AccountSettings {
  entries: AccountEntry[]
  /** access key id → account id (R-ID-2). */
  accounts: Record<string, string>
  /** access key id → secret access key, for the keys that have one (R-ID-4). */
  secrets: Record<string, string>
  defaultAccountId?: string
}

const ACCOUNT_ID = /^\d{12}$/

/** Reads and checks an accounts file; every problem is reported with the file name and the entry's position. */
export async function readAccountsFile(file: string): Promise<AccountSettings> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new Error(`cannot read accounts file ${file}: ${(error as Error).message}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new Error(`accounts file ${file} is not valid JSON: ${(error as Error).message}`)
  }
  return parseAccounts(parsed, file)
}

/** Checks the shape of a parsed accounts file (see {@link AccountsFile}). */
export function parseAccounts(value: unknown, source = 'accounts'): AccountSettings {
  const fail = (problem: string): never => {
    throw new Error(`${source}: ${problem}`)
  }
  if (typeof value !== 'object' || value === null || !Array.isArray((value as AccountsFile).accounts)) {
    return fail('expected {"accounts": [{"accountId", "accessKeyId", "secretAccessKey"?, "name"?}, …]}')
  }
  const file = value as AccountsFile
  const settings: AccountSettings = { entries: [], accounts: {}, secrets: {} }
  file.accounts.forEach((entry: Partial<AccountEntry>, index) => {
    const at = `accounts[${index}]`
    if (typeof entry !== 'object' || entry === null) fail(`${at} must be an object`)
    if (typeof entry.accountId !== 'string' || !ACCOUNT_ID.test(entry.accountId)) {
      fail(`${at}.accountId must be a string of 12 digits`)
    }
    if (typeof entry.accessKeyId !== 'string' || entry.accessKeyId === '') {
      fail(`${at}.accessKeyId must be a non-empty string`)
    }
    if (entry.secretAccessKey !== undefined && typeof entry.secretAccessKey !== 'string') {
      fail(`${at}.secretAccessKey must be a string`)
    }
    const { accountId, accessKeyId, secretAccessKey, name } = entry as AccountEntry
    if (settings.accounts[accessKeyId] !== undefined) fail(`${at}.accessKeyId ${accessKeyId} is listed twice`)
    settings.accounts[accessKeyId] = accountId
    if (secretAccessKey !== undefined) settings.secrets[accessKeyId] = secretAccessKey
    settings.entries.push({
      accountId,
      accessKeyId,
      ...(secretAccessKey === undefined ? {} : { secretAccessKey }),
      ...(typeof name === 'string' ? { name } : {}),
    })
  })
  if (file.defaultAccountId !== undefined) {
    if (typeof file.defaultAccountId !== 'string' || !ACCOUNT_ID.test(file.defaultAccountId)) {
      fail('defaultAccountId must be a string of 12 digits')
    }
    settings.defaultAccountId = file.defaultAccountId
  }
  return settings
}
