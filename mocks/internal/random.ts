/** Internal: seeded randomness for ids, so a seed makes a whole run reproducible (R-STATE-1). */

/** A small, fast PRNG (mulberry32): 32 bits of state, good enough for ids in tests. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const HEX = '0123456789abcdef'

/** A lower-case RFC 4122 version-4 UUID drawn from `random`. */
export function uuidFrom(random: () => number): string {
  let out = ''
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) out += '-'
    else if (i === 14) out += '4'
    else if (i === 19) out += HEX[8 + Math.floor(random() * 4)]
    else out += HEX[Math.floor(random() * 16)]
  }
  return out
}
