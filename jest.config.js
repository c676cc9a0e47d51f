/** One jest run for every test: unit specs next to the code, integration and e2e specs in test/. */
const swc = require('./scripts/swc-options');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  // The abuse suites run on their own after the rest (jest.abuse.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/abuse/', '<rootDir>/test/console/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swc] },
  // approx-string-match 2 ships only ES modules; jest's CommonJS runtime needs it transformed.
  transformIgnorePatterns: ['/node_modules/(?!approx-string-match/)'],
  moduleNameMapper: {
    '^@marginalia/([^/]+)$': '<rootDir>/libs/$1/src',
    '^@marginalia/([^/]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  maxWorkers: 2,
  testTimeout: 30000,
};
