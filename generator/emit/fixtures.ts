/** Emits mocks/generated/fixtures.ts: seeded faker factories whose values satisfy every schema constraint. */
import type { JsonSchema, SpecIR } from '../ir.ts'
import { GENERATED_HEADER } from './header.ts'
import { identifier, propertyKey, quote } from './literal.ts'
import { toRegexLiteral } from './regex-literal.ts'
import { named, refName, resolveSchema } from './schema-ref.ts'

/** Where the hand-written helpers live, relative to mocks/generated/. */
const RUNTIME_MODULE = '../fixtures/runtime.ts'

/** Integers with no @range are drawn from 0 to this. */
const DEFAULT_INTEGER_MAX = 1000

/**
 * The text of `mocks/generated/fixtures.ts`: `createFixtures(seed?)` returning one factory per named schema
 * (docs/decisions/0002). Required members are always set, optional ones on a seeded coin flip; strings come
 * from `sampleString` with a style chosen here from the schema's name and pattern. Same IR, same bytes.
 */
export function emitFixtures(ir: SpecIR): string {
  const writer = new FixtureWriter(ir.schemas)
  const names = Object.keys(ir.schemas).sort()
  for (const name of names) writer.namedFactory(name)

  const signatures = names.map((name) => {
    const type = `Schemas[${quote(name)}]`
    const parameters = writer.takesOverrides(name) ? `overrides?: Partial<${type}>` : ''
    return `  ${propertyKey(name)}(${parameters}): ${type}`
  })
  const entries = names.map((name) => `    ${propertyKey(name)}: ${builderName(name)},`)

  return `${GENERATED_HEADER}/* Seeded fixture factories, one per named schema (docs/decisions/0002). */

import type { components } from './types.ts'
import { createFaker, epochSeconds, listOf, mapOf, sampleString, type StringSpec } from ${quote(RUNTIME_MODULE)}

type Schemas = components['schemas']

// String constraints (patterns as the model writes them) and enum values.

${writer.constants.join('\n')}

/** One factory per named schema. Structure factories take overrides of their top-level members. */
export interface Fixtures {
${signatures.join('\n')}
}

/**
 * Factories whose values follow from \`seed\` (the same seed and the same calls give the same values) and
 * satisfy every constraint of their schema. Overrides are applied after drawing, so they never change what
 * later calls return.
 */
export function createFixtures(seed = 1): Fixtures {
  const faker = createFaker(seed)
  /** Optional members are set about half of the time. */
  const sometimes = (): boolean => faker.datatype.boolean()

${writer.functions.map((text) => indent(text)).join('\n\n')}

  return {
${entries.join('\n')}
  }
}
`
}

function builderName(schemaName: string): string {
  return `build${identifier(schemaName)}`
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n')
}

/** Collects hoisted constants and the builder functions while walking the schemas. */
class FixtureWriter {
  readonly constants: string[] = []
  readonly functions: string[] = []
  private readonly schemas: Record<string, JsonSchema>

  constructor(schemas: Record<string, JsonSchema>) {
    this.schemas = schemas
  }

  /** Whether the named schema is a structure or union (its factory takes overrides). */
  takesOverrides(name: string): boolean {
    const schema = resolveSchema(this.schemas, named(this.schemas, name))
    return isStructure(schema) || isUnion(schema)
  }

  namedFactory(name: string): void {
    const declared = named(this.schemas, name)
    const type = `Schemas[${quote(name)}]`
    this.emitBuilder(builderName(name), name, declared, type)
  }

  private emitBuilder(functionName: string, owner: string, declared: JsonSchema, type: string): void {
    const index = this.functions.push('') - 1 // reserve: helpers of inline members follow their owner
    const schema = resolveSchema(this.schemas, declared)
    if (isStructure(schema) || isUnion(schema)) {
      const body = isUnion(schema)
        ? this.unionBody(schema, owner, type)
        : this.structureBody(schema, owner, type)
      // A union's overrides replace its one member rather than add a second.
      const result = isUnion(schema) ? 'overrides ?? value' : '{ ...value, ...overrides }'
      this.functions[index] =
        `function ${functionName}(overrides?: Partial<${type}>): ${type} {\n` +
        `${body.map((line) => `  ${line}`).join('\n')}\n  return ${result}\n}`
      return
    }
    this.functions[index] =
      `function ${functionName}(): ${type} {\n  return ${this.expression(schema, owner)}\n}`
  }

  private structureBody(schema: JsonSchema, owner: string, type: string): string[] {
    const properties = Object.entries(schema.properties ?? {})
    const required = new Set(schema.required ?? [])
    for (const member of required) {
      if (!schema.properties?.[member]) throw new Error(`${owner}: required member ${member} has no schema`)
    }
    const set = properties.filter(([member]) => required.has(member))
    const lines = [`const value: ${type} = {`]
    for (const [member, memberSchema] of set) {
      lines.push(`  ${propertyKey(member)}: ${this.memberExpression(memberSchema, `${owner}_${member}`)},`)
    }
    lines.push('}')
    if (set.length === 0) lines.splice(0, 2, `const value: ${type} = {}`)
    for (const [member, memberSchema] of properties) {
      if (required.has(member)) continue
      const target = /^[A-Za-z_$][\w$]*$/.test(member) ? `value.${member}` : `value[${quote(member)}]`
      lines.push(`if (sometimes()) ${target} = ${this.memberExpression(memberSchema, `${owner}_${member}`)}`)
    }
    return lines
  }

  private unionBody(schema: JsonSchema, owner: string, type: string): string[] {
    const members = Object.entries(schema.properties ?? {})
    if (members.length === 0) throw new Error(`${owner}: a union needs at least one member`)
    const literal = ([member, memberSchema]: [string, JsonSchema]): string =>
      `{ ${propertyKey(member)}: ${this.memberExpression(memberSchema, `${owner}_${member}`)} }`
    const [only] = members
    if (members.length === 1 && only)
      return [`const value: ${type} = ${literal(only)} // exactly one member set`]
    const lines = [
      `let value: ${type} // exactly one member set`,
      `switch (faker.number.int({ min: 0, max: ${members.length - 1} })) {`,
    ]
    members.forEach((entry, position) => {
      lines.push(position === members.length - 1 ? '  default:' : `  case ${position}:`)
      lines.push(`    value = ${literal(entry)}`)
      if (position < members.length - 1) lines.push('    break')
    })
    lines.push('}')
    return lines
  }

  /** A member's value: the named factory for a plain `$ref`, else an expression for its own schema. */
  private memberExpression(schema: JsonSchema, owner: string): string {
    const target = plainRef(schema)
    if (target !== undefined) return `${builderName(target)}()`
    const resolved = resolveSchema(this.schemas, schema)
    if (isStructure(resolved) || isUnion(resolved)) {
      // 0001 names every structure and union, so their factories (and types) exist by name.
      throw new Error(`${owner}: inline structures are not generated; the spec should name the shape`)
    }
    return this.expression(resolved, owner)
  }

  /** An expression drawing a value of a resolved, non-structure schema. */
  private expression(schema: JsonSchema, owner: string): string {
    if (schema.enum !== undefined) {
      const constant = `${identifier(owner)}Values`
      this.constants.push(
        `const ${constant} = [${schema.enum.map((value) => quote(value)).join(', ')}] as const`,
      )
      return `faker.helpers.arrayElement(${constant})`
    }
    switch (schema.type) {
      case 'string': {
        const constant = `${identifier(owner)}String`
        this.constants.push(`const ${constant}: StringSpec = ${stringSpec(schema, owner)}`)
        return `sampleString(faker, ${constant})`
      }
      case 'integer': {
        const min = schema.minimum ?? Math.min(0, schema.maximum ?? 0)
        const max = schema.maximum ?? min + DEFAULT_INTEGER_MAX
        return `faker.number.int({ min: ${min}, max: ${max} })`
      }
      case 'number': {
        if (schema.format === 'epoch-seconds') return 'epochSeconds(faker)'
        const min = schema.minimum ?? Math.min(0, schema.maximum ?? 0)
        const max = schema.maximum ?? min + DEFAULT_INTEGER_MAX
        return `faker.number.float({ min: ${min}, max: ${max}, fractionDigits: 2 })`
      }
      case 'boolean':
        return 'faker.datatype.boolean()'
      case 'array': {
        if (!schema.items) throw new Error(`${owner}: a list without items is not generated`)
        const spec = compact({
          minItems: schema.minItems,
          maxItems: schema.maxItems,
          uniqueItems: schema.uniqueItems,
          distinct: schema.uniqueItems ? this.distinctValues(schema.items) : undefined,
        })
        return `listOf(faker, ${spec}, () => ${this.memberExpression(schema.items, `${owner}_item`)})`
      }
      case 'object': {
        if (typeof schema.additionalProperties !== 'object') break
        const spec = compact({ minProperties: schema.minProperties, maxProperties: schema.maxProperties })
        const key = schema.propertyNames
          ? this.memberExpression(schema.propertyNames, `${owner}_key`)
          : 'faker.lorem.word()'
        const value = this.memberExpression(schema.additionalProperties, `${owner}_value`)
        return `mapOf(faker, ${spec}, () => ${key}, () => ${value})`
      }
      case undefined:
        break
    }
    throw new Error(`${owner}: no fixture for schema ${JSON.stringify(schema)}`)
  }

  /** How many distinct values a list item can take, when that is small enough to matter. */
  private distinctValues(items: JsonSchema): number | undefined {
    const item = resolveSchema(this.schemas, items)
    if (item.enum) return item.enum.length
    if (item.type === 'boolean') return 2
    return undefined
  }
}

function isUnion(schema: JsonSchema): boolean {
  return schema.type === 'object' && schema['x-union'] === true
}

function isStructure(schema: JsonSchema): boolean {
  return schema.type === 'object' && !schema['x-union'] && typeof schema.additionalProperties !== 'object'
}

/** The schema a member only points at (`$ref`, or `allOf: [{$ref}]`, with annotations at most). */
function plainRef(schema: JsonSchema): string | undefined {
  const annotationsOnly = (keys: string[]): boolean =>
    keys.every((key) => key === 'description' || key === 'title' || key.startsWith('x-'))
  const { $ref, allOf, ...rest } = schema
  if (!annotationsOnly(Object.keys(rest))) return undefined
  if ($ref !== undefined && allOf === undefined) return refName($ref)
  const [only] = allOf ?? []
  if ($ref === undefined && allOf?.length === 1 && only) return plainRef(only)
  return undefined
}

/** An object literal of the defined entries, on one line. */
function compact(entries: Record<string, number | boolean | string | undefined>): string {
  const parts = Object.entries(entries)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : String(value)}`)
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`
}

/** The `StringSpec` literal: constraints as written, plus a style for plausible values. */
function stringSpec(schema: JsonSchema, owner: string): string {
  const style = styleFor(schema, owner)
  return compact({
    minLength: schema.minLength,
    maxLength: schema.maxLength,
    pattern: schema.pattern === undefined ? undefined : toRegexLiteral(schema.pattern),
    style: quote(style.style),
    resource: style.resource === undefined ? undefined : quote(style.resource),
  })
}

/**
 * A guess at what the string is, from its pattern and the last part of its name. A wrong guess costs
 * nothing but realism: the runtime checks the styled value and samples the pattern instead.
 */
function styleFor(schema: JsonSchema, owner: string): { style: string; resource?: string } {
  const pattern = schema.pattern ?? ''
  const name = owner.split('_').pop() ?? owner
  if (pattern.includes('[0-9a-f]{8}-[0-9a-f]{4}')) return { style: 'uuid' }
  if (pattern.startsWith('^arn:aws:iam::')) return { style: 'roleArn' }
  if (pattern.startsWith('^arn:')) {
    const resource = /:([a-z][a-z-]*)\/[^/]*$/.exec(pattern)?.[1]
    return resource === undefined ? { style: 'arn' } : { style: 'arn', resource }
  }
  if (/AccountId$/i.test(name)) return { style: 'accountId' }
  if (/bucket/i.test(name)) return { style: 'bucket' }
  if (/KeyPrefix$/i.test(name)) return { style: 'keyPrefix' }
  if (/DisplayName$/i.test(name)) return { style: 'companyName' }
  if (/(Description|message)$/i.test(name)) return { style: 'sentence' }
  if (/Name$/.test(name)) return { style: 'title' } // CollaborationName, not a bare `name`
  if (/Token$/i.test(name)) return { style: 'token' }
  if (/(Id|Identifier)$/.test(name)) return { style: 'uuid' }
  if (/(Key|Value)$/.test(name)) return { style: 'word' }
  return { style: 'text' }
}
