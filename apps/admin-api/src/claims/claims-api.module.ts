import { Module } from '@nestjs/common';

/** The claims and verdicts of SPEC §6: routes under /v1/articles/{id}/claims and /v1/claims. */
@Module({})
export class ClaimsApiModule {}
