/** Protocol layer: keeps exactly the modeled members of a validated input, so unknown ones never reach the domain. */
import { type ShapeEntry, shapes } from '../schema/default.ts'

/**
 * A copy of `value` with only the members the model has for `shapeName`, at every depth (R-WIRE-5: unknown
 * members are ignored, as the service ignores them). Absent and null members are dropped. Runs after
 * validation, so every value already has its modeled JSON type.
 *
 * @note Map keys are copied with `defineProperty`, so a key such as `__proto__` stays a plain key.
 */
export function pickModeled(
  shapeName: string,
  value: unknown,
  table: Readonly<Record<string, ShapeEntry>> = shapes,
): unknown {
  const shape: ShapeEntry | undefined = table[shapeName]
  if (shape === undefined || value === null || typeof value !== 'object') return value
  switch (shape.kind) {
    case 'list':
      return (value as unknown[]).map((item) => pick(shape.member, item, table))
    case 'map': {
      const out: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value)) {
        Object.defineProperty(out, key, {
          value: pick(shape.value, item, table),
          enumerable: true,
          writable: true,
          configurable: true,
        })
      }
      return out
    }
    default: {
      const source = value as Record<string, unknown>
      const out: Record<string, unknown> = {}
      for (const member in shape.members) {
        if (!Object.hasOwn(source, member)) continue
        const item = source[member]
        if (item === undefined || item === null) continue
        out[member] = pick(shape.members[member] ?? null, item, table)
      }
      return out
    }
  }
}

function pick(target: string | null, value: unknown, table: Readonly<Record<string, ShapeEntry>>): unknown {
  return target === null ? value : pickModeled(target, value, table)
}
