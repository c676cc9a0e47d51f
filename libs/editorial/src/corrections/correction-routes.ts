import { applyDecorators, Controller, Injectable } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Correction } from '@marginalia/domain';
import { ApiAuthenticated } from '@marginalia/http';
import { type CommandResult } from '../shared/aggregate-store';
import { CorrectionAnswers } from './correction-answers';
import { type CorrectionResponse } from './correction.response.dto';

/** A correction use case's controller, under /v1 (SPEC §5, §6). */
export const CorrectionRoutes = () =>
  applyDecorators(ApiTags('corrections'), ApiAuthenticated(), Controller('v1'));

/**
 * What every correction use case's route does once it has its command: send it, and answer the
 * correction as the read models show it after the command (CorrectionAnswers.after).
 */
@Injectable()
export abstract class CorrectionCommandRoute {
  constructor(
    private readonly commands: CommandBus,
    private readonly answers: CorrectionAnswers,
  ) {}

  protected async send(
    command: ICommand,
    options?: Parameters<CorrectionAnswers['after']>[1],
  ): Promise<CorrectionResponse> {
    const result: CommandResult<Correction | null> = await this.commands.execute(command);
    return this.answers.after(result, options);
  }
}
