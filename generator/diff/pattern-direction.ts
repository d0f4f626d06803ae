/** Diff layer: tells whether a pattern change tightened or loosened it, in the two cases that can be shown. */
import type { Direction } from './classify.ts'

/**
 * Regex inclusion is not decidable in general, so only two common AWS edits are recognised:
 * anchoring (`X` → `^X$`, as the 2023-11-14 identifier patterns; unanchored, `X` matches any
 * string containing a match) and characters added to or removed from one character class
 * (`[\w+=,./@-]` → `[\w+=./@-]`, the 2023-11-14 role ARN). Anything else is `changed`.
 */
export function patternDirection(from: string | undefined, to: string | undefined): Direction {
  if (from === to) throw new Error('patternDirection called on an unchanged pattern')
  if (from === undefined) return 'tightened'
  if (to === undefined) return 'loosened'
  if (to === `^${from}$`) return 'tightened'
  if (from === `^${to}$`) return 'loosened'
  const grown = classGrowth(from, to)
  if (grown === undefined) return 'changed'
  return grown ? 'loosened' : 'tightened'
}

/**
 * Whether `to` is `from` with plain characters added to (true) or removed from (false) one
 * character class; undefined when the edit is anything else. A negated class `[^…]` turns it round.
 */
function classGrowth(from: string, to: string): boolean | undefined {
  let start = 0
  while (start < from.length && start < to.length && from[start] === to[start]) start++
  let end = 0
  while (
    end < from.length - start &&
    end < to.length - start &&
    from[from.length - 1 - end] === to[to.length - 1 - end]
  )
    end++
  const removed = from.slice(start, from.length - end)
  const added = to.slice(start, to.length - end)
  if ((removed === '') === (added === '')) return undefined
  // Only literal characters: no escapes, ranges or brackets, which could change the class's meaning.
  if (/[\\\][^-]/.test(removed + added)) return undefined
  const before = from.slice(0, start)
  const after = from.slice(from.length - end)
  // A `-` beside the edit may make or break a range (`[a-c]` → `[a-]`), and a `\` before it makes the
  // edit part of an escape (`[\w]` → `[\]`): either way the class means something else, not more or less.
  if (before.endsWith('-') || after.startsWith('-') || /(^|[^\\])(\\\\)*\\$/.test(before)) return undefined
  const open = lastUnescaped(before, '[')
  if (open === -1 || lastUnescaped(before, ']') > open) return undefined
  const negated = before[open + 1] === '^'
  return (added !== '') !== negated
}

function lastUnescaped(text: string, char: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] !== char) continue
    let slashes = 0
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++
    if (slashes % 2 === 0) return i
  }
  return -1
}
