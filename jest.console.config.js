/**
 * The console's browser tests (test/console): Debian's Chromium against the built server, one
 * file at a time. `globalSetup` builds what `npm start` serves (server, CLI, console) first.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/console'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/console/support/global-setup.js',
  maxWorkers: 1,
  testTimeout: 120000,
};
