/**
 * The part of the custom-functions runtime the add-in uses (the runtime is part of office.js in
 * the shared runtime). Declared here rather than pulling in @types/custom-functions-runtime for
 * two names.
 */
declare namespace CustomFunctions {
  enum ErrorCode {
    invalidValue = '#VALUE!',
    notAvailable = '#N/A',
    divisionByZero = '#DIV/0!',
    invalidNumber = '#NUM!',
    nullReference = '#NULL!',
    invalidName = '#NAME?',
    invalidReference = '#REF!',
  }
  class Error {
    constructor(errorCode: ErrorCode, errorMessage?: string);
    code: ErrorCode;
    message?: string;
  }
  /** A streaming function's handle on its cell: each setResult updates the cell. */
  interface StreamingInvocation<T> {
    setResult(value: T | Error): void;
    onCanceled?: () => void;
  }
  function associate(id: string, functionObject: (...args: never[]) => unknown): void;
}
