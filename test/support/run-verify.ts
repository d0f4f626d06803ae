/** Test support: a verification in a child process, its output captured instead of printed (see verify-child.ts). */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { VerificationReport, VerifyPactsOptions } from '../../contracts/provider/verify-pacts.ts'

/** Marks the line of verify-child.ts's output that holds the report. */
export const REPORT_MARK = '@@verification-report@@'

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'verify-child.ts')

/** What a verification child printed, and how it exited. */
export interface CapturedRun {
  code: number
  /** Standard output, line by line: Pact's own report, then the `verify` command's lines. */
  out: string[]
  err: string[]
}

function run(args: string[], env: Record<string, string | undefined> = {}): Promise<CapturedRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], {
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        NO_COLOR: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    proc.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    proc.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    proc.on('error', reject)
    proc.on('close', (code) => {
      const lines = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8').split('\n')
      resolve({ code: code ?? -1, out: lines(out), err: lines(err) })
    })
  })
}

/** `cleanrooms-mock verify <args>` in a child process, without the caller's Pact variables; `env` adds some. */
export function verifyCommand(
  args: string[],
  env?: Record<string, string | undefined>,
): Promise<CapturedRun> {
  return run(['cli', ...args], env)
}

/** verifyPacts with a fresh `createCleanRoomsMock({ secrets })` in a child process: its report and output. */
export async function verifyInChild(
  options: Omit<VerifyPactsOptions, 'createMock'> & { secrets?: Record<string, string> },
  env?: Record<string, string | undefined>,
): Promise<CapturedRun & { report: VerificationReport }> {
  const captured = await run(['api', JSON.stringify(options)], env)
  const line = captured.out.find((text) => text.startsWith(REPORT_MARK))
  if (line === undefined)
    throw new Error(`no report from the child:\n${[...captured.out, ...captured.err].join('\n')}`)
  return { ...captured, report: JSON.parse(line.slice(REPORT_MARK.length)) as VerificationReport }
}
