/**
 * A value the code knows to be there (a map entry looked up by a key the map
 * was built from, a regular expression's group that matched, an option that a
 * check before made sure of): returned as is, or an internal error (a bug,
 * printed with its stack) instead of going on with undefined.
 */
export function must<T>(value: T | null | undefined): T {
  if (value === undefined || value === null) throw new Error(`internal error: a value that must be present is ${value === null ? 'null' : 'undefined'}`);
  return value;
}
