#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in build/ (npm run build).
import { main } from '../build/batch/cli.js';

process.exitCode = await main(process.argv.slice(2));
