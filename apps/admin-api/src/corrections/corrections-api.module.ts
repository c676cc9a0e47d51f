import { Module } from '@nestjs/common';

/** The corrections of SPEC §6: routes under /v1/articles/{id}/corrections and /v1/corrections. */
@Module({})
export class CorrectionsApiModule {}
