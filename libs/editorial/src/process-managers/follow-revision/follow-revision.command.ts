import { EditorialCommand } from '../../shared/command-context';

/** Move one annotation (a claim or correction stream) to a revision of its article. */
export class FollowRevisionCommand extends EditorialCommand<{
  annotationStream: string;
  toRevision: number | 'current';
}> {}
