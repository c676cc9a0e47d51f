/**
 * The conventions every route of the API follows, shared by the app's edge and the use cases'
 * routes: access decorators, problem details, OpenAPI decorators, resource ids and headers,
 * If-Match versions, Idempotency-Key scopes, and the command context a request carries.
 */
export * from './access.decorators';
export * from './api-docs.decorators';
export * from './api-request';
export * from './command-context.decorator';
export * from './headers';
export * from './if-match';
export * from './keyed-request';
export * from './page.query.dto';
export * from './problem';
export * from './problem.response.dto';
export * from './resource-id.pipe';
export * from './resource.interceptor';
export * from './route-metadata';
export * from './selector.request.dto';
export * from './body-limit';
