// The README's test files: every fenced block whose info string names a file, ```ts title="x.test.ts".
// Used by test/package/readme.test.ts (against the sources) and .ci/smoke.mjs (against the installed package).

/**
 * @param {string} markdown
 * @returns {{ file: string, code: string }[]}
 */
export function readmeTestFiles(markdown) {
  const blocks = []
  for (const match of markdown.matchAll(/^```ts title="([^"]+\.test\.ts)"\n([\s\S]*?)^```$/gm)) {
    blocks.push({ file: match[1] ?? '', code: match[2] ?? '' })
  }
  return blocks
}
