/**
 * Schema table runtime: the container view the protocol layer walks (pick-modeled.ts) and snapshots are
 * checked by: for each structure and union its members, for each list its items, for each map its values,
 * pointing at another container shape or at null (a scalar). May import ./table.ts only.
 */
import { resolveTarget, type SchemaTable, type Target } from './table.ts'

/** One container shape; a target is a container shape's name, or null for a scalar. */
export type ShapeEntry =
  | { readonly kind: 'structure' | 'union'; readonly members: Readonly<Record<string, string | null>> }
  | { readonly kind: 'list'; readonly member: string | null }
  | { readonly kind: 'map'; readonly value: string | null }

/** The container shapes of a table (structures, unions, lists, maps), by name; scalars and errors left out. */
export function shapesOf(table: SchemaTable): Readonly<Record<string, ShapeEntry>> {
  const entries: Record<string, ShapeEntry> = {}
  const container = (target: Target): string | null => {
    if (typeof target !== 'string') return null // the generator names every inline container
    let name = target
    for (let node = table.shapes[name]; node?.type === 'alias'; node = table.shapes[name]) name = node.target
    const type = resolveTarget(table, name).type
    return type === 'structure' || type === 'union' || type === 'list' || type === 'map' ? name : null
  }
  for (const [name, node] of Object.entries(table.shapes)) {
    switch (node.type) {
      case 'structure':
      case 'union':
        if (node.type === 'structure' && node.error) break
        entries[name] = {
          kind: node.type,
          members: Object.fromEntries(
            Object.entries(node.members).map(([member, target]) => [member, container(target)]),
          ),
        }
        break
      case 'list':
        entries[name] = { kind: 'list', member: container(node.item) }
        break
      case 'map':
        entries[name] = { kind: 'map', value: container(node.value) }
        break
    }
  }
  return entries
}
