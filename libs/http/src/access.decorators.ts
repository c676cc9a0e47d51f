import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { type Action, type Actor, PERMISSIONS, type Role } from '@marginalia/domain';
import { type ApiRequest } from './api-request';

export const PUBLIC_ROUTE = 'marginalia:public';
export const REQUIRED_ACTION = 'marginalia:action';
export const ALLOWED_ROLES = 'marginalia:roles';

/** No token needed (GET /health). Also tells the OpenAPI document to list no security. */
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-public', true));

/**
 * The route performs an action of the domain's permission table (SPEC §1), e.g.
 * `@Requires('article.import')`: roles that may not are refused 403 before the body is read.
 */
export const Requires = (action: Action) =>
  applyDecorators(
    SetMetadata(REQUIRED_ACTION, action),
    ApiExtension('x-required-roles', [...PERMISSIONS[action]]),
  );

/** A read that only some roles may make, e.g. `@RolesAllowed('auditor', 'admin')`. */
export const RolesAllowed = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ALLOWED_ROLES, roles), ApiExtension('x-required-roles', roles));

/** The authenticated actor of the request: `@CurrentActor() actor: Actor`. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const { actor } = context.switchToHttp().getRequest<ApiRequest>();
  if (!actor) throw new Error('A public route has no actor');
  return actor;
});
