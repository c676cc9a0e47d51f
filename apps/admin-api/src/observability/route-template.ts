import { type Request } from 'express';

/** The label of requests that matched no route (404s of unknown paths, probes). */
export const UNMATCHED_ROUTE = 'unmatched';

/** The catch-all path Nest mounts module middleware (the request log) on; no route of ours. */
const MIDDLEWARE_CATCH_ALL = '/{*path}';

/**
 * The route a request matched, as declared (`/v1/claims/:id`), never the raw URL: ids would
 * make one label value per resource.
 */
export function routeTemplateOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' && path !== MIDDLEWARE_CATCH_ALL ? path : UNMATCHED_ROUTE;
}
