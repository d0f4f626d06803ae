/** Test support: the accounts and the frozen time every rule suite uses, whichever way in it tests. */

/** The creator of the suites' collaborations. A 12-digit access key is its own account (R-ID-2). */
export const A = '111111111111'
export const B = '222222222222'
export const C = '333333333333'
export const D = '444444444444'
/** An account in no collaboration. */
export const OUTSIDER = '999999999999'

/** 2023-11-14T22:13:20Z in epoch milliseconds: a frozen clock for suites that compare times. */
export const T0 = 1_700_000_000_000
