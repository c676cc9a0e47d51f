/*
 * Skips, in the end-to-end suites on EventStoreDB, the tests that eventstoredb-e2e-skips.js names,
 * with the reason in the test's name, so each shows as skipped and says why.
 */
import { storeUnderTest } from './event-log';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const skips = require('./eventstoredb-e2e-skips') as {
  tests: { file: string; test: string; reason: string }[];
};

const testPath = (expect.getState().testPath ?? '').split('\\').join('/');
const here =
  storeUnderTest() === 'sqlite'
    ? []
    : skips.tests.filter(({ file }) => testPath.includes(`/${file}`));

if (here.length > 0) {
  for (const name of ['it', 'test'] as const) {
    const original = globalThis[name];
    const wrapped = (title: string, fn?: jest.ProvidesCallback, timeout?: number) => {
      const skip = here.find(({ test }) => title.includes(test));
      if (!skip) return original(title, fn, timeout);
      return original.skip(`${title} (skipped on EventStoreDB: ${skip.reason})`, fn, timeout);
    };
    globalThis[name] = Object.assign(wrapped, original);
  }
}
