import fc from 'fast-check';
import { startAdminApi, type RunningAdminApi } from '../support/admin-api';
import { hostileCases, type HostileCase } from './support/hostile-bodies';
import { requestOf } from './support/hostile-bodies-requests';
import { setAt, shapeOf } from './support/hostile-bodies-shape';
import { POLLUTING_VALUES, PROTOTYPE_KEYS, wrongExamples } from './support/hostile-bodies-values';
import {
  Callers,
  fillPath,
  health,
  seedNewsroom,
  type SeededIds,
  settled,
} from './support/newsroom-fixture';
import {
  bodySchemaOf,
  call,
  type HttpAnswer,
  MUTATIONS,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  problemCodeOf,
  readOpenApi,
} from './support/openapi';
import { expectNoPollution, prototypeSnapshot } from './support/pollution';
import { acceptedWithStaleIfMatch, bodyLimitOf, callerOf, validBodies } from './support/routes';

/**
 * Property-based fuzzing of every request body (SPEC §6, §8): whatever a client sends that is
 * not a valid request is refused with a 4xx problem carrying one of SPEC's codes, the server
 * stays up, nothing is appended to the log, and no prototype is polluted, in the test's realm
 * or the server's (the server runs in this process).
 *
 * Seeded and bounded: FC_SEED replays a run, FC_RUNS sets the runs per operation.
 */
const SEED = Number(process.env.FC_SEED ?? 20240308);
const RUNS = Number(process.env.FC_RUNS ?? 40);

/** Every mutation the valid-body table knows; the first test ties it to the OpenAPI document. */
const MUTATION_KEYS = Object.keys(validBodies({ articleId: '', claimId: '', correctionId: '' }));

describe('hostile request bodies', () => {
  let api: RunningAdminApi;
  let callers: Callers;
  let doc: OpenApiDocument;
  let operations: Map<string, Operation>;
  let ids: SeededIds;
  let valid: Record<string, unknown>;
  let head: number;
  let prototypes: Record<string, string[]>;

  beforeAll(async () => {
    prototypes = prototypeSnapshot();
    // The fuzzing sends hundreds of requests a minute with one token.
    api = await startAdminApi({ RATE_LIMIT_PER_MINUTE: '1000000' });
    callers = await Callers.of(api);
    ids = await seedNewsroom(callers, 'hostile');
    valid = validBodies(ids);
    doc = await readOpenApi(api.url);
    operations = new Map(operationsOf(doc).map((operation) => [operation.key, operation]));
  });

  // Each test starts from the log's head at its start, so one failure does not fail the rest.
  beforeEach(async () => {
    head = await settled(api);
  });

  afterAll(async () => {
    await api?.stop();
  });

  /** The answer to a request of `key`'s caller, with exactly these headers and bytes. */
  function send(key: string, headers: Record<string, string>, body: Buffer): Promise<HttpAnswer> {
    const operation = operations.get(key)!;
    return call(`${api.url}${fillPath(operation.path, ids)}`, {
      method: operation.method,
      headers: { Authorization: callers.bearer(callerOf(key)), ...headers },
      body,
    });
  }

  /**
   * The server is up, appended nothing, and no prototype was polluted. A run that appended moves
   * the baseline, so that only that run fails and fast-check shrinks towards it.
   */
  async function expectUnharmed(): Promise<void> {
    const now = await health(api);
    const before = head;
    head = now.headPosition;
    expect({ status: now.status, headPosition: now.headPosition }).toEqual({
      status: 200,
      headPosition: before,
    });
    expectNoPollution(prototypes);
  }

  it('has a fuzz case for every operation of the OpenAPI document that takes a body', () => {
    const mutations = [...operations.values()]
      .filter((operation) => MUTATIONS.has(operation.method))
      .map((operation) => operation.key)
      .sort();
    const withBody = [...operations.values()].filter((operation) => operation.spec.requestBody);
    // SPEC §6 has 13 routes with a body: a document that lost them would make every test vacuous.
    expect(withBody.length).toBeGreaterThanOrEqual(13);
    // Every mutation, with a body or not, has a valid body to start from, and no other key.
    expect([...MUTATION_KEYS].sort()).toEqual(mutations);
    for (const operation of withBody) expect(MUTATION_KEYS).toContain(operation.key);
  });

  it.each(MUTATION_KEYS)(
    '%s: its valid body passes every check and reaches the store (412 with a stale If-Match)',
    async (key) => {
      const answer = await send(
        key,
        { 'Content-Type': 'application/json', 'If-Match': '"999"' },
        Buffer.from(JSON.stringify(valid[key])),
      );
      expect(outcomeOf(answer)).toEqual(acceptedWithStaleIfMatch(key));
      await expectUnharmed();
    },
  );

  it.each(MUTATION_KEYS)(
    '%s: every hostile body is a 4xx problem with a SPEC code, and appends nothing',
    async (key) => {
      const operation = operations.get(key)!;
      const shape = shapeOf(doc, bodySchemaOf(doc, operation), valid[key]);
      const validText = JSON.stringify(valid[key]);
      const property = fc.asyncProperty(
        hostileCases(shape, validText, { method: operation.method }),
        // PATCH needs If-Match; elsewhere a stale one makes no difference to a refusal.
        operation.method === 'PATCH' ? fc.constant(true) : fc.boolean(),
        async (hostile: HostileCase, staleIfMatch: boolean) => {
          const request = requestOf(
            hostile,
            valid[key],
            shape,
            staleIfMatch,
            acceptedWithStaleIfMatch(key),
          );
          const answer = await send(key, request.headers, request.body);
          const { status, code } = outcomeOf(answer);
          const allowed = request.allowed.some(
            (right) => right.status === status && (right.code === undefined || right.code === code),
          );
          if (!allowed) {
            throw new Error(
              `${status} ${code} is not one of ${JSON.stringify(request.allowed)}: ${answer.text.slice(0, 400)}`,
            );
          }
          await expectUnharmed();
        },
      );
      await assertSeeded(property);
    },
  );

  it.each(MUTATION_KEYS)(
    '%s: a prototype key in any object of the body is an unknown field (400), polluting nothing',
    async (key) => {
      const operation = operations.get(key)!;
      const shape = shapeOf(doc, bodySchemaOf(doc, operation), valid[key]);
      for (const { path } of shape.objects) {
        for (const [index, field] of PROTOTYPE_KEYS.entries()) {
          const value = POLLUTING_VALUES[index % POLLUTING_VALUES.length];
          const request = requestOf(
            { kind: 'unknown-field', at: path, key: field, value },
            valid[key],
            shape,
            operation.method === 'PATCH',
            acceptedWithStaleIfMatch(key),
          );
          // No stale If-Match (but on PATCH, which needs one): a key let through would append.
          const answer = await send(key, request.headers, request.body);
          const where = fieldName([...path, field]);
          expect({ where, ...outcomeOf(answer) }).toEqual({
            where,
            status: 400,
            code: 'validation_failed',
          });
          // The error names the key, or a key inside its value (`toString.prototype`).
          const errors = answer.json?.errors as Array<{ field: string; message: string }>;
          const named = errors.map((error) => ({
            named: error.field === where || error.field.startsWith(`${where}.`),
            message: error.message,
          }));
          expect({ where, named }).toEqual({
            where,
            named: [{ named: true, message: 'is not a known field' }],
          });
        }
      }
      await expectUnharmed();
    },
  );

  it.each(MUTATION_KEYS)(
    '%s: each declared field given each JSON type it does not allow is 400',
    async (key) => {
      const operation = operations.get(key)!;
      const shape = shapeOf(doc, bodySchemaOf(doc, operation), valid[key]);
      for (const field of shape.fields) {
        for (const value of wrongExamples(field.schema, field.required)) {
          const request = requestOf(
            { kind: 'wrong-type', at: field.path, value },
            valid[key],
            shape,
            operation.method === 'PATCH',
            acceptedWithStaleIfMatch(key),
          );
          const answer = await send(key, request.headers, request.body);
          const where = fieldName(field.path);
          expect({ where, value, ...outcomeOf(answer) }).toEqual({
            where,
            value,
            status: 400,
            code: 'validation_failed',
          });
        }
      }
      await expectUnharmed();
    },
  );

  it.each(MUTATION_KEYS)(
    '%s: a body over the limit is 413; 100,000 levels of nesting, and a JSON null, 400',
    async (key) => {
      const limit = bodyLimitOf(key);
      const padding = 'x'.repeat(limit);
      const huge = Buffer.from(JSON.stringify(setAt(valid[key], ['padding'], padding)));
      expect(huge.length).toBeGreaterThan(limit);
      const tooLarge = await send(key, { 'Content-Type': 'application/json' }, huge);
      expect([tooLarge.status, problemCodeOf(tooLarge)]).toEqual([413, 'payload_too_large']);
      const depth = 100_000;
      const deep = Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`);
      const nested = await send(key, { 'Content-Type': 'application/json' }, deep);
      expect([nested.status, problemCodeOf(nested)]).toEqual([400, 'body_too_deep']);
      // JSON null is a body, and not an object (no body at all is another matter).
      const nothing = await send(
        key,
        { 'Content-Type': 'application/json', 'If-Match': '"999"' },
        Buffer.from('null'),
      );
      expect([nothing.status, problemCodeOf(nothing)]).toEqual([400, 'validation_failed']);
      await expectUnharmed();
    },
  );
});

/** A success (2xx, no code), or a problem with one of SPEC's codes (else this throws). */
function outcomeOf(answer: HttpAnswer): { status: number; code?: string } {
  if (answer.status >= 200 && answer.status < 300) return { status: answer.status };
  return { status: answer.status, code: problemCodeOf(answer) };
}

/** A path as the server names a field: `sources[0].title`. */
function fieldName(path: Array<string | number>): string {
  return path.reduce<string>(
    (name, step) =>
      typeof step === 'number' ? `${name}[${step}]` : name === '' ? step : `${name}.${step}`,
    '',
  );
}

/** fc.assert with the seed and run count of this file; a failure names the seed to replay. */
async function assertSeeded(property: fc.IAsyncProperty<[HostileCase, boolean]>): Promise<void> {
  try {
    await fc.assert(property, { seed: SEED, numRuns: RUNS });
  } catch (error) {
    (error as Error).message += `\nReplay with FC_SEED=${SEED} FC_RUNS=${RUNS}.`;
    throw error;
  }
}
