/**
 * The abuse suites (test/abuse), run after every other test and one file at a time: they time
 * /health on a server under hostile input, which other suites sharing the two cores would
 * slow down as much as the input does.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/abuse'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
};
