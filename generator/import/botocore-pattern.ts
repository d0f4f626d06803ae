/** Importer layer: undoes botocore's rewriting of Smithy `@pattern` regexes (docs/decisions/0004). */

/**
 * botocore's converter rewrites each end of a Smithy pattern: a leading `^` is dropped, otherwise
 * `.*` is put in front; a trailing `$` is dropped, otherwise `.*` is appended. So an anchored
 * `^\d+$` arrives as `\d+`, and an unanchored `(?!^…)(^…$)` arrives as `.*(?!^…)(^…$).*`.
 *
 * The inverse is ambiguous only for patterns that end (or start) with a real `.*`, such as
 * `^arn:…:secret:.*$` → `arn:…:secret:.*`. Wrapping on both sides at once is what an unanchored
 * Smithy pattern produces, so only a pattern with `.*` at both ends is unwrapped; every other one
 * is re-anchored with `^…$`. For every pattern of the 2026 Clean Rooms models this gives back the
 * Smithy text exactly.
 */
export function smithyPatternFromBotocore(pattern: string): string {
  if (
    pattern.length >= 4 &&
    pattern.startsWith('.*') &&
    pattern.endsWith('.*') &&
    !pattern.endsWith('\\.*')
  ) {
    return pattern.slice(2, -2)
  }
  return `^${pattern}$`
}
