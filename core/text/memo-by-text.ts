import { detach } from './detach.js';

/**
 * `compute`, remembered per distinct text: exports repeat a handful of dates, currencies, types
 * and programs over millions of rows. Rows repeat their neighbours, so the last text is checked
 * first. Bounded (cleared past `capacity` texts), so odd data cannot grow it; the texts kept are
 * detached from the chunk they were cut from.
 */
export function memoByText<T>(compute: (text: string) => T, capacity = 8192): (text: string) => T {
  const map = new Map<string, T>();
  let lastKey: string | undefined;
  let lastValue: T;
  return (key) => {
    if (key === lastKey) return lastValue;
    let v = map.get(key);
    if (v === undefined && !map.has(key)) {
      if (map.size >= capacity) map.clear();
      key = detach(key);
      v = compute(key);
      map.set(key, v);
    }
    lastKey = key;
    lastValue = v as T;
    return v as T;
  };
}
