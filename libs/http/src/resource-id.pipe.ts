import { HttpStatus, Injectable, type PipeTransform } from '@nestjs/common';
import { ProblemException } from './problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Aggregate ids are lowercase UUIDs; any other `{id}` names nothing that can exist: 404.
 * Usage: `@Param('id', ResourceIdPipe) id: string`.
 */
@Injectable()
export class ResourceIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'not_found', `No resource ${value}`);
    }
    return value;
  }
}
