/*
 * Lets node load the project's TypeScript sources directly (benchmarks, scripts, and the worker
 * threads and child processes that tests start), compiled by SWC as jest compiles them, with the
 * @marginalia/* aliases of tsconfig.json. Usage: node -r ./scripts/register-ts.js file.ts
 */
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');
const options = require('./swc-options');

const root = join(__dirname, '..');

Module._extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const match = /^@marginalia\/([^/]+)(?:\/(.*))?$/.exec(request);
  if (match) {
    const target = join(root, 'libs', match[1], 'src', match[2] ?? '');
    return resolve.call(this, target, ...rest);
  }
  return resolve.call(this, request, ...rest);
};
