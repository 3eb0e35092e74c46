// The add-in's sources use the Office.js globals; test/tsconfig.json lists only node types.
/// <reference types="office-js" />
/// <reference types="office-runtime" />
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- a global declaration file has nothing to import
/// <reference path="../../addin/functions/custom-functions-runtime.d.ts" />
