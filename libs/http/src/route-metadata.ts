import { type ExecutionContext } from '@nestjs/common';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Target = Function;

/**
 * What the edge reads from a route's decorators (its permission, body limit, `Location`…),
 * read once per route instead of once per request: decorators set their metadata when the
 * controller classes are defined, and nothing changes it afterwards. Usage:
 * `const metadataOf = cachedRouteMetadata((handler, controller) => …); metadataOf(context)`.
 */
export function cachedRouteMetadata<Facts>(
  read: (handler: Target, controller: Target) => Facts,
): (context: ExecutionContext) => Facts {
  const known = new WeakMap<Target, WeakMap<Target, Facts>>();
  return (context) => {
    const handler = context.getHandler();
    const controller = context.getClass();
    let ofHandler = known.get(handler);
    if (ofHandler === undefined) known.set(handler, (ofHandler = new WeakMap()));
    if (ofHandler.has(controller)) return ofHandler.get(controller) as Facts;
    const facts = read(handler, controller);
    ofHandler.set(controller, facts);
    return facts;
  };
}
