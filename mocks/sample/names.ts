/**
 * Sample layer: company-like names for sampled accounts and collaborations, drawn from small word lists with a
 * seeded random source (no faker: docs/decisions/0012-sample-data.md). Only what these lists hold can appear, so
 * every name fits the model's DisplayName and CollaborationName constraints (printable, 1-100 characters).
 */

/** A source of numbers in [0, 1): `createRandom(seed)` from mocks/internal/random.ts. */
export type Random = () => number

const FIRST = [
  'Acme',
  'Atlas',
  'Aurora',
  'Bayview',
  'Beacon',
  'Blue Harbor',
  'Brightline',
  'Cascade',
  'Cedar',
  'Clearwater',
  'Cobalt',
  'Contoso',
  'Crescent',
  'Evergreen',
  'Fabrikam',
  'Fairway',
  'Granite',
  'Harborview',
  'Helix',
  'Horizon',
  'Ironwood',
  'Juniper',
  'Keystone',
  'Lakeshore',
  'Lumen',
  'Maple Ridge',
  'Meridian',
  'Northwind',
  'Oakmont',
  'Orchard',
  'Pinnacle',
  'Polaris',
  'Quarry',
  'Redwood',
  'Riverbend',
  'Saltmarsh',
  'Silverline',
  'Summit',
  'Tailspin',
  'Tidewater',
  'Trailhead',
  'Vantage',
  'Wayfarer',
  'Willow Creek',
  'Woodgrove',
  'Zenith',
] as const

const INDUSTRY = [
  'Analytics',
  'Apparel',
  'Bank',
  'Grocers',
  'Health',
  'Insurance',
  'Logistics',
  'Media',
  'Mobile',
  'Motors',
  'Outfitters',
  'Pharma',
  'Publishing',
  'Retail',
  'Streaming',
  'Telecom',
  'Travel',
  'Airlines',
  'Hotels',
  'Foods',
] as const

const SUFFIX = ['', '', '', ' Inc.', ' Group', ' Co.', ' Ltd.', ' LLC', ' Holdings', ' & Partners'] as const

const TOPIC = [
  'Audience overlap',
  'Campaign attribution',
  'Reach and frequency',
  'Retail media insights',
  'Loyalty enrichment',
  'Lookalike modeling',
  'Churn propensity',
  'Fraud signals',
  'Supply chain forecast',
  'Clinical trial matching',
  'Store visit lift',
  'Cross-sell analysis',
  'Measurement study',
  'Customer lifetime value',
  'Conversion lift',
] as const

const PERIOD = ['Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', 'Spring', 'Summer', 'Autumn', 'Holiday'] as const

const PURPOSE = [
  'Measure campaign performance without sharing customer-level data.',
  'Find shared customers and size the overlap before a joint promotion.',
  'Enrich first-party segments with partner signals under agreed analysis rules.',
  'Train a lookalike model on pooled conversions; only aggregates leave the clean room.',
  'Compare store visits of exposed and unexposed households.',
  'Forecast demand from combined order and shipment histories.',
  'Score fraud risk with signals that no single party holds.',
  'Evaluate a loyalty partnership on matched, hashed identifiers.',
] as const

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

/** An integer in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

/** True with probability `p`. */
export function chance(random: Random, p: number): boolean {
  return random() < p
}

/** A company name not in `taken` (`Northwind Retail`, `Cedar Health Group`); adds it to `taken`. */
export function companyName(random: Random, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const base = `${pick(random, FIRST)} ${pick(random, INDUSTRY)}${pick(random, SUFFIX)}`
    // After many collisions (thousands of accounts), a number keeps names unique.
    const name = attempt < 20 ? base : `${base} ${between(random, 2, 999)}`
    if (!taken.has(name)) {
      taken.add(name)
      return name
    }
  }
}

/** A collaboration name from its topic and its creator (`Q3 Audience overlap - Northwind Retail`). */
export function collaborationName(random: Random, creatorName: string): string {
  const name = `${pick(random, PERIOD)} ${pick(random, TOPIC)} - ${creatorName}`
  return name.length <= 100 ? name : name.slice(0, 100).trimEnd()
}

/** A one-sentence description of a collaboration's purpose. */
export function collaborationDescription(random: Random): string {
  return pick(random, PURPOSE)
}

/** A lower-case S3 bucket name for an account's results (`northwind-retail-cleanrooms-results`). */
export function bucketName(companyName: string): string {
  const slug = companyName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return `${slug.slice(0, 40).replace(/-+$/, '')}-cleanrooms-results`
}
