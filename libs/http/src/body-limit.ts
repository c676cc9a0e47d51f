import { SetMetadata } from '@nestjs/common';

export const MiB = 1024 * 1024;
/** Every request body (SPEC §6). */
export const DEFAULT_BODY_LIMIT = 1 * MiB;
/** Article imports and re-imports carry a whole capture (SPEC §6, §8). */
export const ARTICLE_BODY_LIMIT = 5 * MiB;

/** The metadata key the app's JSON body reader looks for. */
export const BODY_LIMIT = 'marginalia:body-limit';

/** A route whose bodies may exceed the default 1 MiB, e.g. `@BodyLimit(ARTICLE_BODY_LIMIT)`. */
export const BodyLimit = (bytes: number) => SetMetadata(BODY_LIMIT, bytes);
