/** Test support: the members of a wire value that a model's shape table does not have (R-MODEL-2). */
import type { ShapeEntry } from '../../mocks/schema/shapes.ts'

/** Dotted paths of every member of `value` that shape `name` of `shapes` does not model, at every depth. */
export function unmodeledPaths(
  shapes: Readonly<Record<string, ShapeEntry>>,
  name: string | null,
  value: unknown,
  path = '',
): string[] {
  const shape = name === null ? undefined : shapes[name]
  if (shape === undefined || value === null || typeof value !== 'object') return []
  const at = (key: string) => (path === '' ? key : `${path}.${key}`)
  switch (shape.kind) {
    case 'list':
      return (value as unknown[]).flatMap((item, i) =>
        unmodeledPaths(shapes, shape.member, item, at(String(i))),
      )
    case 'map':
      return Object.entries(value).flatMap(([key, item]) =>
        unmodeledPaths(shapes, shape.value, item, at(key)),
      )
    default:
      return Object.entries(value).flatMap(([key, item]) =>
        Object.hasOwn(shape.members, key)
          ? unmodeledPaths(shapes, shape.members[key] ?? null, item, at(key))
          : [at(key)],
      )
  }
}
