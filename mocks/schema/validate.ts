/**
 * Schema table runtime: request validation. Turns a profile's table (./table.ts) into one check closure per
 * node, once, when the profile loads; a validation then walks the closures with the path buffer and the AWS
 * wording of mocks/validation/runtime.ts. May import ./table.ts and mocks/validation/runtime.ts only.
 */
import { isRecord } from '../internal/is-record.ts'
import {
  type Check,
  checkBoolean,
  checkMapKey,
  codePointLength,
  hasDuplicates,
  optionalMember,
  report,
  requiredMember,
  run,
  type ValidationIssue,
  type Validator,
} from '../validation/runtime.ts'
import type { SchemaNode, SchemaTable, StringNode, Target } from './table.ts'

export type { ValidationIssue, Validator } from '../validation/runtime.ts'

/** The validators of one table: each operation's whole input, and each named shape. */
export interface Validators<Operation extends string = string, Shape extends string = string> {
  /** Validates an operation's whole input: labels, query and body members, keyed by member name. */
  readonly validateInput: Readonly<Record<Operation, Validator>>
  /** Validates any named shape of the spec. */
  readonly validateShape: Readonly<Record<Shape, Validator>>
}

/** The names a table's validators are keyed by. */
export type ValidatorsOf<T extends SchemaTable> = Validators<
  keyof T['inputs'] & string,
  keyof T['shapes'] & string
>

/** Builds the validators of `table` (every check closure is made here, none per call). */
export function compileValidators<T extends SchemaTable>(table: T): ValidatorsOf<T> {
  const named = new Map<string, Check>()
  const checkOf = (target: Target): Check => {
    if (typeof target !== 'string') return compileNode(target, checkOf)
    let check = named.get(target)
    if (check === undefined) {
      const node = table.shapes[target]
      if (node === undefined) throw new Error(`schema table: no shape ${target}`)
      // A named check is reached through a slot so that recursive shapes compile.
      let compiled: Check | undefined
      check = (value, issues) => (compiled as Check)(value, issues)
      named.set(target, check)
      compiled = compileNode(node, checkOf)
      named.set(target, compiled)
      check = compiled
    }
    return check
  }
  const validateShape: Record<string, Validator> = {}
  for (const name of Object.keys(table.shapes)) {
    const check = checkOf(name)
    validateShape[name] = (value) => run(check, value)
  }
  const validateInput: Record<string, Validator> = {}
  for (const [operation, shape] of Object.entries(table.inputs)) {
    const check = checkOf(shape)
    validateInput[operation] = (input) => run(check, input)
  }
  return { validateInput, validateShape } as ValidatorsOf<T>
}

/** One member of a structure or union, compiled. */
interface MemberCheck {
  readonly name: string
  readonly required: boolean
  readonly check: Check
}

function compileNode(node: SchemaNode, checkOf: (target: Target) => Check): Check {
  switch (node.type) {
    case 'alias':
      return checkOf(node.target)
    case 'structure': {
      const required = new Set(node.required ?? [])
      const members: MemberCheck[] = Object.entries(node.members).map(([name, target]) => ({
        name,
        required: required.has(name),
        check: checkOf(target),
      }))
      return (value, issues) => {
        if (!isRecord(value)) return report(issues, 'type', 'Member must be of type object')
        for (let index = 0; index < members.length; index++) {
          const member = members[index] as MemberCheck
          if (member.required) requiredMember(value[member.name], member.name, member.check, issues)
          else optionalMember(value[member.name], member.name, member.check, issues)
        }
      }
    }
    case 'union': {
      const members: MemberCheck[] = Object.entries(node.members).map(([name, target]) => ({
        name,
        required: false,
        check: checkOf(target),
      }))
      return (value, issues) => {
        if (!isRecord(value)) return report(issues, 'type', 'Member must be of type object')
        let set = 0
        for (const member of members) if (value[member.name] != null) set++
        if (set !== 1) report(issues, 'constraint', 'Member must have exactly one member set')
        for (const member of members) optionalMember(value[member.name], member.name, member.check, issues)
      }
    }
    case 'list': {
      const item = checkOf(node.item)
      const size = sizeCheck(node.minItems, node.maxItems)
      const unique = node.uniqueItems === true
      return (value, issues) => {
        if (!Array.isArray(value)) return report(issues, 'type', 'Member must be of type list')
        if (size !== undefined) size(value.length, issues)
        if (unique && hasDuplicates(value)) report(issues, 'constraint', 'Member must contain unique items')
        for (let index = 0; index < value.length; index++) requiredMember(value[index], index, item, issues)
      }
    }
    case 'map': {
      const valueCheck = checkOf(node.value)
      const keyCheck = node.key === undefined ? undefined : checkOf(node.key)
      const size = sizeCheck(node.minProperties, node.maxProperties)
      return (value, issues) => {
        if (!isRecord(value)) return report(issues, 'type', 'Member must be of type map')
        let count = 0
        for (const key in value) {
          if (!Object.hasOwn(value, key)) continue
          count++
          if (keyCheck !== undefined) checkMapKey(key, keyCheck, issues)
          requiredMember(value[key], key, valueCheck, issues)
        }
        if (size !== undefined) size(count, issues)
      }
    }
    case 'string':
      return stringCheck(node)
    case 'integer':
    case 'number':
    case 'timestamp': {
      const { minimum, maximum } = node
      const typeMessage =
        node.type === 'timestamp'
          ? 'Member must be of type timestamp (epoch seconds)'
          : `Member must be of type ${node.type}`
      const integer = node.type === 'integer'
      const below = `Member must have value greater than or equal to ${minimum}`
      const above = `Member must have value less than or equal to ${maximum}`
      return (value, issues) => {
        if (typeof value !== 'number' || !(integer ? Number.isInteger(value) : Number.isFinite(value)))
          return report(issues, 'type', typeMessage)
        if (minimum !== undefined && value < minimum) report(issues, 'constraint', below)
        if (maximum !== undefined && value > maximum) report(issues, 'constraint', above)
      }
    }
    case 'boolean':
      return checkBoolean
    case 'any':
      return () => {}
  }
}

function stringCheck(node: StringNode): Check {
  const min = node.minLength !== undefined && node.minLength > 0 ? node.minLength : undefined
  const max = node.maxLength
  const size = sizeCheck(min, max)
  const pattern = node.pattern === undefined ? undefined : new RegExp(node.pattern)
  const patternMessage = `Member must satisfy regular expression pattern: ${node.pattern}`
  const values = node.enum === undefined ? undefined : new Set(node.enum)
  const enumMessage = `Member must satisfy enum value set: [${node.enum?.join(', ')}]`
  return (value, issues) => {
    if (typeof value !== 'string') return report(issues, 'type', 'Member must be of type string')
    if (size !== undefined) size(codePointLength(value), issues)
    if (pattern !== undefined && !pattern.test(value)) report(issues, 'constraint', patternMessage)
    if (values !== undefined && !values.has(value)) report(issues, 'constraint', enumMessage)
  }
}

/** Length checks (strings, lists, maps share AWS's wording); a minimum of 0 checks nothing. */
function sizeCheck(
  min: number | undefined,
  max: number | undefined,
): ((size: number, issues: ValidationIssue[]) => void) | undefined {
  const lower = min !== undefined && min > 0 ? min : undefined
  if (lower === undefined && max === undefined) return undefined
  const below = `Member must have length greater than or equal to ${lower}`
  const above = `Member must have length less than or equal to ${max}`
  return (size, issues) => {
    if (lower !== undefined && size < lower) report(issues, 'constraint', below)
    if (max !== undefined && size > max) report(issues, 'constraint', above)
  }
}
