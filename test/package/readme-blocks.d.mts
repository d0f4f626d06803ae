/** The README's test files: every fenced block whose info string names a file, ```ts title="x.test.ts". */
export function readmeTestFiles(markdown: string): { file: string; code: string }[]
