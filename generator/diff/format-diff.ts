/** Diff layer: the human-readable report of a `SpecDiff`. */
import type { JsonValue } from '../import/to-open-api.ts'
import type { Breaking } from './classify.ts'
import type { ConstraintChange, MemberNode, OperationChange, SideDiff, SpecDiff } from './diff-specs.ts'

/** The headline: how many operations changed, and whom the changes break. */
export function headline(diff: SpecDiff): string {
  const { operations, updated, breaking } = diff.summary
  const who = (b: boolean) => (b ? 'yes' : 'no')
  return (
    `${updated} of ${operations} operations updated; ` +
    `breaking for clients: ${who(breaking.client)}, for mocks: ${who(breaking.mock)}`
  )
}

/**
 * The report: a title naming both sides, the headline, then per changed operation its own changes,
 * and for its request and response the added (+), removed (-) and changed (~) members as trees of
 * paths down to leaf types, then the constraint changes, each tagged with whom it breaks.
 */
export function formatDiff(diff: SpecDiff, from: string, to: string): string {
  const lines = [`${from} → ${to}`, headline(diff)]
  for (const op of diff.operations) {
    lines.push('', `${op.name}${op.status === 'changed' ? '' : ` (${op.status})`}${tag(op.breaking)}`)
    for (const change of op.operation) lines.push(`  * ${operationChange(change)}${tag(change.breaking)}`)
    for (const [name, side] of [
      ['request', op.request],
      ['response', op.response],
    ] as const) {
      if (isEmpty(side)) continue
      lines.push(`  ${name}`)
      for (const m of side.added) lines.push(...tree(m, '+', tag(m.breaking)))
      for (const m of side.removed) lines.push(...tree(m, '-', tag(m.breaking)))
      for (const c of side.changed) lines.push(`    ~ ${c.path}: ${c.from} → ${c.to}${tag(c.breaking)}`)
      for (const c of side.constraints) lines.push(`    ~ ${constraint(c)}${tag(c.breaking)}`)
    }
  }
  const { types } = diff
  if (types.added.length + types.removed.length + types.renamed.length > 0) {
    lines.push('', `cleanrooms-mock/types${tag(types.breaking)}`)
    for (const name of types.added) lines.push(`  + ${name}`)
    for (const name of types.removed) lines.push(`  - ${name}`)
    for (const { from: a, to: b } of types.renamed) lines.push(`  ~ ${a} renamed ${b}`)
  }
  if (diff.documentation.length > 0) {
    lines.push(
      '',
      'documentation of rule-bearing members (read it: a rule may have changed with no shape change)',
    )
    for (const d of diff.documentation)
      lines.push(`  ~ ${d.member}: changed between ${d.from} and ${d.to}${tag(d.breaking)}`)
  }
  for (const note of diff.notes) lines.push('', `note: ${note}`)
  return `${lines.join('\n')}\n`
}

function tree(node: MemberNode, mark: string, suffix: string, depth = 0): string[] {
  const pad = ' '.repeat(4 + depth * 2)
  const head = depth === 0 ? `${mark} ` : '  '
  const line = `${pad}${head}${node.path}: ${node.type}${node.required ? ', required' : ''}${depth === 0 ? suffix : ''}`
  return [line, ...(node.members ?? []).flatMap((m) => tree(m, mark, suffix, depth + 1))]
}

function constraint(c: ConstraintChange): string {
  return `${c.path} ${c.kind}: ${constraintValues(c)} (${c.direction})`
}

function constraintValues(c: ConstraintChange): string {
  switch (c.kind) {
    case 'required':
      return `${c.from ? 'required' : 'optional'} → ${c.to ? 'required' : 'optional'}`
    case 'length':
    case 'range':
      return `${bounds(c.from)} → ${bounds(c.to)}`
    case 'enum': {
      const from = Array.isArray(c.from) ? c.from : []
      const to = Array.isArray(c.to) ? c.to : []
      const gained = to.filter((v) => !from.includes(v)).map((v) => `+${String(v)}`)
      const lost = from.filter((v) => !to.includes(v)).map((v) => `-${String(v)}`)
      return [...gained, ...lost].join(' ')
    }
    default:
      return `${value(c.from)} → ${value(c.to)}`
  }
}

function operationChange(c: OperationChange): string {
  if (c.kind === 'operation') return c.to === null ? 'operation removed' : 'operation added'
  if (c.kind === 'errors') {
    const from = Array.isArray(c.from) ? c.from : []
    const to = Array.isArray(c.to) ? c.to : []
    const gained = to.filter((e) => !from.includes(e)).map((e) => `+${String(e)}`)
    const lost = from.filter((e) => !to.includes(e)).map((e) => `-${String(e)}`)
    return `errors: ${[...gained, ...lost].join(' ')}`
  }
  return `${c.kind}: ${value(c.from)} → ${value(c.to)}`
}

function bounds(v: JsonValue): string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return value(v)
  const show = (n: JsonValue | undefined) => (typeof n === 'number' ? String(n) : '')
  return `${show(v['min'])}..${show(v['max'])}`
}

function value(v: JsonValue): string {
  if (v === null) return '(none)'
  return typeof v === 'string' ? v : JSON.stringify(v)
}

function tag(b: Breaking): string {
  const who = [b.client ? 'client' : '', b.mock ? 'mock' : ''].filter(Boolean)
  return who.length === 0 ? '' : `  [breaks ${who.join(', ')}]`
}

function isEmpty(side: SideDiff): boolean {
  return side.added.length + side.removed.length + side.changed.length + side.constraints.length === 0
}
