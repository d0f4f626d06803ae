/** Contracts layer: a value the provider state supplies at verification time (an id it generated). */
import { MatchersV3 } from '@pact-foundation/pact'

/**
 * `fromProviderState('${name}', example)`: in the consumer test the mock server uses `example`; at
 * verification the provider state named in the interaction returns `name`, and the verifier puts its
 * value there (path label, body member or query value).
 */
export function stateValue<T extends string | number | boolean>(
  name: string,
  example: T,
): MatchersV3.ProviderStateInjectedValue<T> {
  return MatchersV3.fromProviderState(`\${${name}}`, example)
}
