/** Calls a streaming custom function as Excel would and collects every value it sets. */
export function streaming<A extends unknown[], T>(fn: (...args: [...A, CustomFunctions.StreamingInvocation<T>]) => void, ...args: A) {
  const results: unknown[] = [];
  let notify: (() => void) | null = null;
  const invocation: CustomFunctions.StreamingInvocation<T> = {
    setResult(value) {
      results.push(value);
      notify?.();
    },
  };
  fn(...args, invocation);
  /** Resolves with the n-th value (1-based) once it has been set. */
  const nth = (n: number) =>
    new Promise<unknown>((resolve) => {
      const check = () => {
        if (results.length >= n) resolve(results[n - 1]);
      };
      notify = check;
      check();
    });
  return { results, nth, cancel: () => invocation.onCanceled?.() };
}
