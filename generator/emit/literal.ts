/** Prints plain data as a TypeScript literal in the project's style (single quotes, bare keys). */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** A stable, readable TypeScript literal for JSON-like data. */
export function toLiteral(value: unknown, indent = ''): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return quote(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const flat = `[${value.map((item) => toLiteral(item, inner)).join(', ')}]`
    if (flat.length <= 100 && !flat.includes('\n')) return flat
    return `[\n${value.map((item) => `${inner}${toLiteral(item, inner)},`).join('\n')}\n${indent}]`
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    if (entries.length === 0) return '{}'
    const flat = `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${toLiteral(v, inner)}`).join(', ')} }`
    if (flat.length <= 90 && !flat.includes('\n')) return flat
    return `{\n${entries.map(([k, v]) => `${inner}${propertyKey(k)}: ${toLiteral(v, inner)},`).join('\n')}\n${indent}}`
  }
  throw new Error(`cannot print ${typeof value} as a literal`)
}

/** A property key, quoted only when it is not an identifier. */
export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : quote(key)
}

/** A TypeScript identifier made from a schema or member name (`Foo-Bar` → `Foo_Bar`, `3D` → `_3D`). */
export function identifier(text: string): string {
  const safe = text.replace(/[^\w$]/g, '_')
  return /^\d/.test(safe) ? `_${safe}` : safe
}

/** A single-quoted string literal. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`
}
