import { Module } from '@nestjs/common';
import { LogController } from './log.controller';

/** The verifiable log's endpoints (SPEC §9); the tree and checkpoints come from the platform. */
@Module({ controllers: [LogController] })
export class LogApiModule {}
