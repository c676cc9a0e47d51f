import { CommandMessage } from '../../shared/command-context';

/** Move one annotation (a claim or correction stream) to a revision of its article. */
export class FollowRevisionCommand extends CommandMessage<{
  annotationStream: string;
  toRevision: number | 'current';
}> {}
