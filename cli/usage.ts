/** CLI support: the default spec path and the one way a command reports a usage error. */

export const DEFAULT_SPEC = 'spec/cleanrooms.openapi.json'

/**
 * Prints `problem` (if any) and the command's usage line, to stdout for exit 0 and stderr otherwise,
 * and returns `code`.
 */
export function usage(name: string, usageLine: string, code: number, problem?: string): number {
  if (problem) console.error(`cleanrooms-mock ${name}: ${problem}`)
  const text = `usage: cleanrooms-mock ${usageLine}`
  if (code === 0) console.log(text)
  else console.error(text)
  return code
}
