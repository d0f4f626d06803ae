/** Generator helper: prints a spec pattern (an ECMA-262 regex) as a TypeScript regex literal. */

/**
 * The pattern as a regex literal with no flags, so it runs exactly as the model wrote it (no `u`: Smithy
 * patterns such as `[\uD800\uDBFF-\uDC00\uDFFF]` describe UTF-16 code units). Throws when the pattern is not
 * a valid regex, so a bad spec fails at generation time rather than on the first request.
 */
export function toRegexLiteral(pattern: string): string {
  let body = ''
  let inClass = false
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] ?? ''
    if (char === '\\') {
      body += char + (pattern[index + 1] ?? '')
      index++
    } else if (char === '/' && !inClass) {
      body += '\\/'
    } else if (char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029') {
      body += `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
    } else {
      if (char === '[') inClass = true
      if (char === ']') inClass = false
      body += char
    }
  }
  const literal = `/${body || '(?:)'}/`
  let expected: RegExp
  try {
    expected = new RegExp(pattern)
  } catch (error) {
    throw new Error(
      `pattern ${JSON.stringify(pattern)} is not an ECMA-262 regex: ${(error as Error).message}`,
    )
  }
  // The literal must compile to the very same regex: check it here rather than trust the escaping above.
  const printed = new Function(`return ${literal}`)() as RegExp
  if (printed.source !== expected.source) {
    throw new Error(`pattern ${JSON.stringify(pattern)} printed as ${literal}, which compiles differently`)
  }
  return literal
}
