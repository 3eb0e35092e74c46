// The add-in's sources use the Office.js globals; test/tsconfig.json lists only node types.
/// <reference types="office-js" />
/// <reference types="office-runtime" />
/// <reference path="../../addin/functions/custom-functions-runtime.d.ts" />
