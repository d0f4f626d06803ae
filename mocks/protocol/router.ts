/** Protocol layer: finds the operation for a method and path, from the generated operations table. */
import { type OperationDescriptor, type OperationName, operations } from '../generated/operations.ts'

/** A matched operation and its decoded path labels. */
export interface Route {
  name: OperationName
  operation: OperationDescriptor
  labels: Record<string, string>
}

interface Pattern {
  name: OperationName
  operation: OperationDescriptor
  /** Literal segments, or the label name for `{label}` segments. */
  segments: Array<{ literal: string } | { label: string }>
}

/** Finds the operation of a request line, or undefined when none has this method and path (R-WIRE-4). */
export type Router = (method: string, path: string) => Route | undefined

/**
 * A router over an operations table (each model profile has its own, RULES.md R-MODEL-2).
 * Patterns are grouped by `METHOD segment-count`, so a lookup compares a handful of segments at most.
 * A label may be empty (`GET /memberships/`: the SDK sends that for an empty identifier), so the
 * validator, not the router, answers it.
 */
export function createRouter(table: Readonly<Record<OperationName, OperationDescriptor>>): Router {
  const patterns = new Map<string, Pattern[]>()
  for (const name of Object.keys(table) as OperationName[]) {
    const operation: OperationDescriptor = table[name]
    const parts = operation.path.split('/').slice(1)
    const segments = parts.map((part) =>
      part.startsWith('{') && part.endsWith('}') ? { label: part.slice(1, -1) } : { literal: part },
    )
    const key = `${operation.method} ${segments.length}`
    patterns.set(key, [...(patterns.get(key) ?? []), { name, operation, segments }])
  }
  return (method, path) => {
    const parts = path.split('/').slice(1)
    const candidates = patterns.get(`${method.toUpperCase()} ${parts.length}`)
    if (!candidates) return undefined
    for (const pattern of candidates) {
      const labels: Record<string, string> = {}
      let matched = true
      for (let i = 0; i < parts.length; i++) {
        const segment = pattern.segments[i]
        const part = parts[i] ?? ''
        if (!segment) {
          matched = false
          break
        }
        if ('literal' in segment) {
          if (segment.literal !== part) {
            matched = false
            break
          }
        } else {
          labels[segment.label] = safeDecode(part)
        }
      }
      if (matched) return { name: pattern.name, operation: pattern.operation, labels }
    }
    return undefined
  }
}

/** Matches a request line against the default profile's operations table. */
export const matchRoute: Router = createRouter(operations)

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}
