export { SeededRandom as Random } from '../../test/support/seeded-random';
