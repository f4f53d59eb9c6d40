/**
 * A new Map of the entries of `m`, in its order. `new Map(m)` walks `m`'s iterator, one entry
 * array per entry; the states cloned at every fork copy their maps this way instead.
 */
export function copyMap<K, V>(m: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  if (m.size > 0) m.forEach((v, k) => out.set(k, v));
  return out;
}
