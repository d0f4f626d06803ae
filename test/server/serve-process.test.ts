/** serve as a child process: restarts, signals, kill -9 during writes, a corrupt state file, curl --aws-sigv4. */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'

import { CreateCollaborationCommand, ListMembershipsCommand } from '@aws-sdk/client-cleanrooms'
import { describe, expect, it } from 'vitest'

import {
  ALICE,
  AUTH,
  BOB,
  client,
  collaboration,
  runServeToExit,
  spawnServe,
  useServeProcesses,
} from './serve-helpers.ts'

const { dir: scratch } = useServeProcesses()

describe('cleanrooms-mock serve (child process)', () => {
  it('keeps the state across a graceful restart (SIGTERM, exit 0)', async () => {
    const state = path.join(scratch(), 'restart.json')
    const first = await spawnServe(['--state', state])
    const created = await client(first.url).send(new CreateCollaborationCommand(collaboration('kept')))
    first.child.kill('SIGTERM')
    expect(await first.exit).toBe(0)

    const second = await spawnServe(['--state', state])
    expect(second.output()).toContain('(loaded;')
    const again = await fetch(`${second.url}/__mock/snapshot`)
    expect(await again.text()).toContain(created.collaboration!.id!)
    second.child.kill('SIGTERM')
    expect(await second.exit).toBe(0)
  })

  it('lets an in-flight request finish on SIGTERM, then writes it to the state file', async () => {
    const state = path.join(scratch(), 'in-flight.json')
    const served = await spawnServe(['--state', state])
    const body = JSON.stringify(collaboration('finished after SIGTERM'))
    const socket = connect(served.port, '127.0.0.1')
    let reply = ''
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      reply += chunk
    })
    const closed = new Promise((resolve) => socket.on('close', resolve))
    await new Promise((resolve) => socket.on('connect', resolve))
    socket.write(
      `POST /collaborations HTTP/1.1\r\nhost: x\r\nauthorization: ${AUTH}\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`,
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    served.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    // The server has stopped accepting new connections by now, but this one is still served.
    await expect(fetch(`${served.url}/__mock/health`)).rejects.toThrow()
    socket.write(body.slice(20))
    await closed
    expect(reply).toMatch(/^HTTP\/1\.1 200/)
    expect(await served.exit).toBe(0)
    expect(await readFile(state, 'utf8')).toContain('finished after SIGTERM')
  })

  it("refuses a second server on the same state file, naming the first one's pid", async () => {
    const state = path.join(scratch(), 'shared.json')
    const first = await spawnServe(['--state', state])
    const second = await runServeToExit(['--state', state])
    expect(second.code).toBe(1)
    expect(second.output).toContain(`in use by another cleanrooms-mock server (pid ${first.child.pid}`)
    // The first one is untouched and still serves.
    expect((await fetch(`${first.url}/__mock/health`)).status).toBe(200)
    first.child.kill('SIGTERM')
    expect(await first.exit).toBe(0)
  })

  it('refuses a state file in a directory that does not exist, at start', async () => {
    const state = path.join(scratch(), 'no-such-dir', 'state.json')
    const { code, output } = await runServeToExit(['--state', state])
    expect(code).toBe(1)
    expect(output).toContain('does not exist')
    expect(output).toContain('did not start')
    expect(existsSync(path.dirname(state))).toBe(false)
  })

  it('takes the control token from CLEANROOMS_MOCK_CONTROL_TOKEN (or --control-token) and refuses a short one', async () => {
    const served = await spawnServe([], { CLEANROOMS_MOCK_CONTROL_TOKEN: 'token-from-env' })
    expect(served.output()).toContain('x-cleanrooms-mock-token')
    expect(served.output()).not.toContain('token-from-env')
    expect((await fetch(`${served.url}/__mock/health`)).status).toBe(403)
    const allowed = await fetch(`${served.url}/__mock/health`, {
      headers: { 'x-cleanrooms-mock-token': 'token-from-env' },
    })
    expect(allowed.status).toBe(200)
    served.child.kill('SIGTERM')
    expect(await served.exit).toBe(0)
    const short = await runServeToExit(['--control-token', 'short'])
    expect(short.code).toBe(2)
    expect(short.output).toContain('at least 8 characters')
  })

  it('refuses to start on a corrupt state file and leaves the file as it was', async () => {
    const state = path.join(scratch(), 'corrupt.json')
    const torn = '{"version":1,"regions":{"us-east-1":{"collaborations":{"c1":{"id":"c1","na'
    await writeFile(state, torn)
    const { code, output } = await runServeToExit(['--state', state])
    expect(code).toBe(1)
    expect(output).toContain(state)
    expect(output).toContain('not valid JSON')
    expect(output).toContain('did not start')
    expect(await readFile(state, 'utf8')).toBe(torn)
  })

  it('prints the endpoint, the accounts with their keys, and SDK and curl examples', async () => {
    const accounts = path.join(scratch(), 'accounts.json')
    await writeFile(
      accounts,
      JSON.stringify({
        accounts: [
          { name: 'alice', accountId: ALICE, accessKeyId: 'AKIDALICE', secretAccessKey: 'alice-secret' },
        ],
      }),
    )
    const served = await spawnServe(['--accounts', accounts])
    const banner = served.output()
    expect(banner).toContain(`cleanrooms-mock listening on ${served.url}`)
    expect(banner).toContain(`AKIDALICE -> ${ALICE} (alice)`)
    expect(banner).toContain(`endpoint: '${served.url}'`)
    expect(banner).toContain(
      `curl --aws-sigv4 "aws:amz:us-east-1:cleanrooms" --user AKIDALICE:alice-secret ${served.url}/memberships`,
    )
    served.child.kill('SIGINT')
    expect(await served.exit).toBe(0)
  })

  it('R-ID-4: answers curl --aws-sigv4 with signatures checked, and refuses a wrong secret', async (context) => {
    const curl = await promisify(execFile)('curl', ['--version']).catch(() => undefined)
    if (!curl || !/^curl ([89]|\d{2,})\.|^curl 7\.(7[5-9]|[89]\d)\./.test(curl.stdout)) {
      context.skip('curl with --aws-sigv4 (7.75+) is not installed')
    }
    const accounts = path.join(scratch(), 'curl-accounts.json')
    await writeFile(
      accounts,
      JSON.stringify({
        accounts: [{ accountId: ALICE, accessKeyId: 'AKIDALICE', secretAccessKey: 'alice-secret' }],
      }),
    )
    const served = await spawnServe(['--accounts', accounts, '--check-signatures'])
    const run = (user: string, ...args: string[]) =>
      promisify(execFile)('curl', [
        '--silent',
        '--show-error',
        '--include',
        '--aws-sigv4',
        'aws:amz:us-east-1:cleanrooms',
        '--user',
        user,
        ...args,
      ])
    const created = await run(
      'AKIDALICE:alice-secret',
      '-H',
      'content-type: application/json',
      '--data',
      JSON.stringify(collaboration('from curl')),
      `${served.url}/collaborations`,
    )
    expect(created.stdout).toMatch(/^HTTP\/1\.1 200/)
    const id = /"id":"([0-9a-f-]{36})"/.exec(created.stdout)?.[1]
    expect(id).toBeDefined()
    const listed = await run('AKIDALICE:alice-secret', `${served.url}/collaborations/${id}/members`)
    expect(listed.stdout).toMatch(/^HTTP\/1\.1 200/)
    expect(listed.stdout).toContain(`"accountId":"${BOB}"`)

    const wrong = await run('AKIDALICE:not-the-secret', `${served.url}/memberships`)
    expect(wrong.stdout).toMatch(/^HTTP\/1\.1 403/)
    expect(wrong.stdout).toContain('x-amzn-errortype: InvalidSignatureException')

    // The SDK, signing for real, is accepted by the same server.
    const sdk = client(served.url, 'AKIDALICE', 'alice-secret')
    await expect(sdk.send(new ListMembershipsCommand({}))).resolves.toHaveProperty('membershipSummaries', [])
    served.child.kill('SIGTERM')
    expect(await served.exit).toBe(0)
  })
})
