/** Server layer (node only): the error of a `--state` file that cannot be used. */
/** The state file exists but cannot be used, or is in use. The server must stop, and must not overwrite the file. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError'
}
