import { EventEmitter } from 'node:events';

/**
 * The built-in prototypes a prototype-pollution attack writes to, in both JavaScript realms of
 * a jest test: jest's own context, where the server's modules (Nest, Express, class-transformer)
 * run because the server is started in this process, and Node's main realm, where Node's core
 * modules (http, the sockets) made their objects.
 */
function prototypes(): Array<[string, object]> {
  const mainObjectPrototype = Object.getPrototypeOf(EventEmitter.prototype) as object;
  // An array made by Node's own code (events.js) has the main realm's Array.prototype.
  const mainArrayPrototype = Object.getPrototypeOf(new EventEmitter().eventNames()) as object;
  return [
    ['Object.prototype', Object.prototype],
    ['Array.prototype', Array.prototype],
    ['Function.prototype', Function.prototype],
    ['String.prototype', String.prototype],
    ['main realm Object.prototype', mainObjectPrototype],
    ['main realm Array.prototype', mainArrayPrototype],
  ];
}

/** What each prototype holds now: its own property names and their descriptors' shape. */
export function prototypeSnapshot(): Record<string, string[]> {
  return Object.fromEntries(
    prototypes().map(([name, target]) => [
      name,
      Reflect.ownKeys(target)
        .map((key) => String(key))
        .sort(),
    ]),
  );
}

/** The properties an attack in these specs tries to plant; none may be readable from `{}`. */
export const PLANTED = ['polluted', 'isAdmin', 'roles', 'sub', 'actor', 'x', 'length'] as const;

/** Fails when a prototype gained or lost a property since `before`, or `{}` inherits a plant. */
export function expectNoPollution(before: Record<string, string[]>): void {
  expect(prototypeSnapshot()).toEqual(before);
  const plain: Record<string, unknown> = {};
  const mainPlain = Object.create(
    Object.getPrototypeOf(EventEmitter.prototype) as object,
  ) as Record<string, unknown>;
  for (const key of PLANTED) {
    expect({ key, inherited: plain[key], mainRealm: mainPlain[key] }).toEqual({
      key,
      inherited: undefined,
      mainRealm: undefined,
    });
  }
}
