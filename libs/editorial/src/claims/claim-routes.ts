import { applyDecorators, Controller, Injectable } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Claim } from '@marginalia/domain';
import { ApiAuthenticated, ApiIdempotent, ApiIfMatch } from '@marginalia/http';
import { type CommandResult } from '../shared/aggregate-store';
import { ClaimAnswers } from './claim-answers';
import { type ClaimResponse } from './claim.response.dto';

/** A claim use case's controller under /v1/claims. */
export const ClaimRoutes = () =>
  applyDecorators(ApiTags('claims'), ApiAuthenticated(), Controller('v1/claims'));

/** A step of the verdict's workflow (SPEC §5): idempotent, If-Match, answers the claim. */
export const VerdictRoutes = () =>
  // Applied in this order, as class decorators are bottom-up, so OpenAPI lists the headers as before.
  applyDecorators(
    Controller('v1/claims/:id/verdict'),
    ApiIfMatch(),
    ApiIdempotent(),
    ApiAuthenticated(),
    ApiTags('verdicts'),
  );

/**
 * What every claim use case's route does once it has its command: send it, and answer the
 * claim as the read models show it after the command (ClaimAnswers.after).
 */
@Injectable()
export abstract class ClaimCommandRoute {
  constructor(
    private readonly commands: CommandBus,
    private readonly claims: ClaimAnswers,
  ) {}

  protected async send(command: ICommand): Promise<ClaimResponse> {
    const result: CommandResult<Claim | null> = await this.commands.execute(command);
    return this.claims.after(result);
  }
}
