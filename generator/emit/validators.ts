/** Emits mocks/generated/validators.ts: request validators compiled from the spec's schemas. */
import type { JsonSchema, SpecIR } from '../ir.ts'
import { GENERATED_HEADER } from './header.ts'
import { identifier, propertyKey, quote } from './literal.ts'
import { toRegexLiteral } from './regex-literal.ts'
import { named, refName, resolveSchema } from './schema-ref.ts'

/** Keywords the validators understand; anything else (but `x-` extensions) stops generation. */
const KNOWN_KEYWORDS = new Set([
  '$ref',
  'allOf',
  'type',
  'format',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'enum',
  'minimum',
  'maximum',
  'description',
  'title',
  'default',
  'deprecated',
  'examples',
])

/** The runtime's checks of schemas with no constraints, shared by every member that uses one. */
const PLAIN_CHECKS: Record<string, string> = {
  string: 'checkString',
  boolean: 'checkBoolean',
  number: 'checkNumber',
  integer: 'checkInteger',
}

/** Where the hand-written helpers live, relative to mocks/generated/. */
const RUNTIME_MODULE = '../validation/runtime.ts'

/** The runtime's names the checks call: the issue types, the path helpers and the plain checks. */
const RUNTIME_IMPORTS = [
  'type ValidationIssue',
  'type Validator',
  'checkBoolean',
  'checkInteger',
  'checkMapKey',
  'checkNumber',
  'checkString',
  'checkTimestamp',
  'codePointLength',
  'hasDuplicates',
  'isObject',
  'optionalMember',
  'report',
  'requiredMember',
  'run',
]

/**
 * The text of `mocks/generated/validators.ts`: one check function per named schema (plus one per inline
 * member schema that has constraints), regexes and enum sets hoisted to module constants, and the
 * `validateInput` / `validateShape` tables of docs/decisions/0002. Same IR, same bytes.
 */
export function emitValidators(ir: SpecIR): string {
  const writer = new ValidatorWriter(ir.schemas)
  const names = Object.keys(ir.schemas).sort()
  for (const name of names) writer.namedCheck(name)

  const operations = [...ir.operations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const operation of operations) named(ir.schemas, operation.inputShape)
  const inputEntries = operations.map(
    (operation) =>
      `  ${propertyKey(operation.name)}: (input) => run(${checkName(operation.inputShape)}, input),`,
  )
  const shapeEntries = names.map(
    (name) => `  ${propertyKey(name)}: (value) => run(${checkName(name)}, value),`,
  )

  return `${GENERATED_HEADER}/* Request validators compiled from the spec's schemas (docs/decisions/0002). */

import {
${RUNTIME_IMPORTS.map((name) => `  ${name},`).join('\n')}
} from ${quote(RUNTIME_MODULE)}

export type { ValidationIssue, Validator } from ${quote(RUNTIME_MODULE)}

// Patterns (as the model writes them, no \`u\` flag: they describe UTF-16 code units) and enum value sets.

${writer.constants.join('\n')}

// One check per schema: it reports the value's issues at the current path.

${writer.functions.join('\n\n')}

type OperationName = ${union(operations.map((operation) => operation.name))}

type ShapeName = ${union(names)}

/** Validates an operation's whole input: labels, query and body members, keyed by member name. */
export const validateInput: Readonly<Record<OperationName, Validator>> = {
${inputEntries.join('\n')}
}

/** Validates any named schema of the spec. */
export const validateShape: Readonly<Record<ShapeName, Validator>> = {
${shapeEntries.join('\n')}
}
`
}

function union(names: string[]): string {
  if (names.length === 0) return 'never'
  return `\n${names.map((name) => `  | ${quote(name)}`).join('\n')}`
}

/** The check function of a named schema. */
function checkName(schemaName: string): string {
  return `check${identifier(schemaName)}`
}

/** Collects the hoisted constants and check functions while walking the schemas. */
class ValidatorWriter {
  readonly constants: string[] = []
  readonly functions: string[] = []
  private readonly taken = new Set<string>([...Object.values(PLAIN_CHECKS), 'checkTimestamp'])
  private readonly schemas: Record<string, JsonSchema>

  constructor(schemas: Record<string, JsonSchema>) {
    this.schemas = schemas
    for (const name of Object.keys(schemas)) this.taken.add(checkName(name))
  }

  /** Emits `check<Name>` for a named schema. */
  namedCheck(name: string): void {
    this.emitFunction(checkName(name), name, named(this.schemas, name), name)
  }

  /** The function that checks a member's schema: the named check, a shared plain one, or a new one. */
  private checkFor(schema: JsonSchema, owner: string): string {
    this.assertKnown(schema, owner)
    if (schema.$ref !== undefined && !hasConstraints(schema, ['$ref'])) return checkName(refName(schema.$ref))
    const plain =
      schema.type !== undefined &&
      !hasConstraints(schema, ['type', 'format']) &&
      (schema.format === 'epoch-seconds' ? 'checkTimestamp' : PLAIN_CHECKS[schema.type])
    if (plain) return plain
    let name = `check${identifier(owner)}`
    for (let suffix = 2; this.taken.has(name); suffix++) name = `check${identifier(owner)}${suffix}`
    this.taken.add(name)
    this.emitFunction(name, owner, schema, owner)
    return name
  }

  private emitFunction(name: string, owner: string, declared: JsonSchema, label: string): void {
    this.assertKnown(declared, owner)
    const schema =
      declared.$ref !== undefined && !hasConstraints(declared, ['$ref'])
        ? declared // an alias: delegate to the target's check
        : resolveSchema(this.schemas, declared)
    // Reserve the slot first so the helpers of inline members land after their owner, in a stable order.
    const index = this.functions.push('') - 1
    const { kind, lines } = this.body(schema, owner)
    const body = lines.map((line) => `  ${line}`).join('\n')
    this.functions[index] =
      `/** ${label} (${kind}). */\nfunction ${name}(value: unknown, issues: ValidationIssue[]): void {\n${body}\n}`
  }

  private body(schema: JsonSchema, owner: string): { kind: string; lines: string[] } {
    if (schema.$ref !== undefined) {
      return {
        kind: `alias of ${refName(schema.$ref)}`,
        lines: [`${checkName(refName(schema.$ref))}(value, issues)`],
      }
    }
    this.assertKnown(schema, owner)
    if (schema.enum !== undefined) return { kind: 'enum', lines: this.stringLines(schema, owner) }
    switch (schema.type) {
      case 'object':
        if (schema['x-union']) return { kind: 'union', lines: this.unionLines(schema, owner) }
        if (schema.additionalProperties !== undefined && typeof schema.additionalProperties === 'object') {
          return { kind: 'map', lines: this.mapLines(schema, owner) }
        }
        return { kind: 'structure', lines: this.structureLines(schema, owner) }
      case 'array':
        return { kind: 'list', lines: this.listLines(schema, owner) }
      case 'string':
        return { kind: 'string', lines: this.stringLines(schema, owner) }
      case 'integer':
      case 'number':
        return {
          kind: schema.format === 'epoch-seconds' ? 'timestamp, epoch seconds' : schema.type,
          lines: this.numberLines(schema, schema.type),
        }
      case 'boolean':
        return { kind: 'boolean', lines: [`checkBoolean(value, issues)`] }
      case undefined:
        return { kind: 'any value', lines: ['// no constraints'] }
    }
    throw new Error(`${owner}: type ${String(schema.type)} is not supported by the validator generator`)
  }

  private structureLines(schema: JsonSchema, owner: string): string[] {
    const properties = schema.properties ?? {}
    const required = new Set(schema.required ?? [])
    for (const member of required) {
      if (!(member in properties)) throw new Error(`${owner}: required member ${member} has no schema`)
    }
    const lines = [typeGuard('!isObject(value)', 'object')]
    for (const [member, memberSchema] of Object.entries(properties)) {
      const check = this.checkFor(memberSchema, `${owner}_${member}`)
      const helper = required.has(member) ? 'requiredMember' : 'optionalMember'
      lines.push(`${helper}(value[${quote(member)}], ${quote(member)}, ${check}, issues)`)
    }
    return lines
  }

  private unionLines(schema: JsonSchema, owner: string): string[] {
    const members = Object.entries(schema.properties ?? {})
    const lines = [typeGuard('!isObject(value)', 'object'), 'let set = 0']
    for (const [member] of members) lines.push(`if (value[${quote(member)}] != null) set++`)
    lines.push(`if (set !== 1) report(issues, 'constraint', 'Member must have exactly one member set')`)
    for (const [member, memberSchema] of members) {
      const check = this.checkFor(memberSchema, `${owner}_${member}`)
      lines.push(`optionalMember(value[${quote(member)}], ${quote(member)}, ${check}, issues)`)
    }
    return lines
  }

  private mapLines(schema: JsonSchema, owner: string): string[] {
    if (schema.properties !== undefined && Object.keys(schema.properties).length > 0) {
      throw new Error(`${owner}: a map with fixed properties is not generated`)
    }
    const valueSchema = schema.additionalProperties as JsonSchema
    const valueCheck = this.checkFor(valueSchema, `${owner}_value`)
    const keyCheck = schema.propertyNames ? this.checkFor(schema.propertyNames, `${owner}_key`) : undefined
    const lines = [typeGuard('!isObject(value)', 'map'), 'let size = 0', 'for (const key in value) {']
    lines.push('  if (!Object.hasOwn(value, key)) continue', '  size++')
    if (keyCheck) lines.push(`  checkMapKey(key, ${keyCheck}, issues)`)
    lines.push(`  requiredMember(value[key], key, ${valueCheck}, issues)`, '}')
    lines.push(...sizeLines('size', schema.minProperties, schema.maxProperties))
    return lines
  }

  private listLines(schema: JsonSchema, owner: string): string[] {
    if (!schema.items) throw new Error(`${owner}: a list without items is not generated`)
    const itemCheck = this.checkFor(schema.items, `${owner}_item`)
    const lines = [typeGuard('!Array.isArray(value)', 'list')]
    lines.push(...sizeLines('value.length', schema.minItems, schema.maxItems))
    if (schema.uniqueItems) {
      lines.push(`if (hasDuplicates(value)) report(issues, 'constraint', 'Member must contain unique items')`)
    }
    lines.push(
      `for (let index = 0; index < value.length; index++) requiredMember(value[index], index, ${itemCheck}, issues)`,
    )
    return lines
  }

  private stringLines(schema: JsonSchema, owner: string): string[] {
    if (schema.type !== undefined && schema.type !== 'string') {
      throw new Error(`${owner}: enum of type ${schema.type} is not generated (only string enums)`)
    }
    const lines = [typeGuard("typeof value !== 'string'", 'string')]
    if (positive(schema.minLength) || schema.maxLength !== undefined) {
      lines.push('const length = codePointLength(value)')
      lines.push(...sizeLines('length', schema.minLength, schema.maxLength))
    }
    if (schema.pattern !== undefined) {
      const constant = `${identifier(owner)}Pattern`
      this.constants.push(`const ${constant} = ${toRegexLiteral(schema.pattern)}`)
      const message = `Member must satisfy regular expression pattern: ${schema.pattern}`
      lines.push(`if (!${constant}.test(value)) report(issues, 'constraint', ${quote(message)})`)
    }
    if (schema.enum !== undefined) {
      const constant = `${identifier(owner)}Values`
      const values = schema.enum.map((value) => quote(value)).join(', ')
      this.constants.push(`const ${constant}: ReadonlySet<string> = new Set([${values}])`)
      const message = `Member must satisfy enum value set: [${schema.enum.join(', ')}]`
      lines.push(`if (!${constant}.has(value)) report(issues, 'constraint', ${quote(message)})`)
    }
    return lines
  }

  private numberLines(schema: JsonSchema, type: 'integer' | 'number'): string[] {
    const lines =
      type === 'integer'
        ? [typeGuard("typeof value !== 'number' || !Number.isInteger(value)", 'integer')]
        : [typeGuard("typeof value !== 'number' || !Number.isFinite(value)", 'number')]
    if (schema.minimum !== undefined) {
      const message = `Member must have value greater than or equal to ${schema.minimum}`
      lines.push(`if (value < ${schema.minimum}) report(issues, 'constraint', ${quote(message)})`)
    }
    if (schema.maximum !== undefined) {
      const message = `Member must have value less than or equal to ${schema.maximum}`
      lines.push(`if (value > ${schema.maximum}) report(issues, 'constraint', ${quote(message)})`)
    }
    return lines
  }

  private assertKnown(schema: JsonSchema, owner: string): void {
    for (const key of Object.keys(schema)) {
      if (!KNOWN_KEYWORDS.has(key) && !key.startsWith('x-')) {
        throw new Error(`${owner}: keyword ${key} is not supported by the validator generator`)
      }
    }
  }
}

function typeGuard(condition: string, type: string): string {
  return `if (${condition}) return report(issues, 'type', 'Member must be of type ${type}')`
}

/** Length checks (strings, lists, maps share AWS's wording); a minimum of 0 checks nothing. */
function sizeLines(expression: string, min: number | undefined, max: number | undefined): string[] {
  const lines: string[] = []
  if (positive(min)) {
    const message = `Member must have length greater than or equal to ${min}`
    lines.push(`if (${expression} < ${min}) report(issues, 'constraint', ${quote(message)})`)
  }
  if (max !== undefined) {
    const message = `Member must have length less than or equal to ${max}`
    lines.push(`if (${expression} > ${max}) report(issues, 'constraint', ${quote(message)})`)
  }
  return lines
}

function positive(value: number | undefined): value is number {
  return value !== undefined && value > 0
}

/** Whether the schema says more than the given keys and annotations. */
function hasConstraints(schema: JsonSchema, keys: string[]): boolean {
  return Object.keys(schema).some(
    (key) => !keys.includes(key) && key !== 'description' && key !== 'title' && !key.startsWith('x-'),
  )
}
