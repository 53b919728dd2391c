// Tables that rules index with names read from scanned files (callees, options, symbols, schemes).
// An object literal also answers for its prototype's members, so a call named `constructor` or a
// symbol `CONFIG_toString` would find a function where a spec belongs: these tables have no prototype.

export function lookupTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
