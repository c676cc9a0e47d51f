import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { type Response } from 'express';
import { errorToProblem } from './error-mapping';
import { PROBLEM_CONTENT_TYPE } from '@marginalia/http';

/** Every error leaves the API as application/problem+json with a stable code. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = errorToProblem(exception);
    // The request's access line names the refusal (observability/request-log.ts).
    response.locals.problemCode = body.code;
    if (body.status >= 500) this.logger.error(exception);
    if (response.headersSent) return;
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
