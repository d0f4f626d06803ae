/** Internal (any layer of mocks/ and contracts/, no imports): the one test for "a JSON object". */

/** Whether `value` is an object that is neither null nor an array (a JSON object once parsed). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
