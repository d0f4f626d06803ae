/** Diff layer: compares two files, each an AWS model (Smithy or botocore) or an imported spec. */
import { diffSpecs, type SpecDiff } from './diff-specs.ts'
import { type Comparable, loadComparable } from './load-comparable.ts'

/** The `--json` document: both sides, then the diff. */
export interface DiffReport extends SpecDiff {
  from: Side
  to: Side
}

export interface Side {
  file: string
  format: Comparable['format']
  paginators?: string | null
}

/** Compares two files (models of either format, or specs). */
export async function diffFiles(from: string, to: string): Promise<DiffReport> {
  const [a, b] = await Promise.all([loadComparable(from), loadComparable(to)])
  const diff = diffSpecs(a.doc, b.doc)
  const notes = [...diff.notes]
  for (const side of [a, b]) {
    // Without paginators-1.json a botocore model says nothing about pagination, which reads as "removed".
    if (side.paginators === null)
      notes.push(`${side.file}: no paginators-1.json beside this botocore model, so it has no pagination`)
  }
  return { from: sideOf(a), to: sideOf(b), ...diff, notes }
}

function sideOf(c: Comparable): Side {
  return {
    file: c.file,
    format: c.format,
    ...(c.paginators === undefined ? {} : { paginators: c.paginators }),
  }
}
