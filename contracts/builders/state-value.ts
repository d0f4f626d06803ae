/** Contracts layer: a value the provider state supplies at verification time (an id it generated). */
import { MatchersV3 } from '@pact-foundation/pact'
import type { StateValueName } from '../state-names.ts'

/**
 * `fromProviderState('${name}', example)`: in the consumer test the mock server uses `example`; at
 * verification the provider state named in the interaction returns `name`, and the verifier puts its
 * value there (path label, body member or query value). `name` is one the catalogue's states return
 * (a typo is a compile error); the builder also checks that a state of the interaction returns it.
 */
export function stateValue<T extends string | number | boolean>(
  name: StateValueName,
  example: T,
): MatchersV3.ProviderStateInjectedValue<T> {
  return MatchersV3.fromProviderState(`\${${name}}`, example)
}
