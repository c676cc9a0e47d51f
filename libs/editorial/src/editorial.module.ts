import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { join } from 'node:path';
import { type MarginaliaConfig } from '@marginalia/config';
import { DEFAULT_RATING_SCALE, type RatingScale } from '@marginalia/domain';
import { MARGINALIA_CONFIG } from '@marginalia/platform';
import { ImportArticleHandler } from './articles/import-article/import-article.handler';
import { ImportCorpusHandler } from './articles/import-corpus/import-corpus.handler';
import { ReviseArticleHandler } from './articles/revise-article/revise-article.handler';
import { ApproveVerdictHandler } from './claims/approve-verdict/approve-verdict.handler';
import { AssignClaimHandler } from './claims/assign-claim/assign-claim.handler';
import { CaptureClaimHandler } from './claims/capture-claim/capture-claim.handler';
import { RATING_SCALE } from './claims/claim-decision-handler';
import { DraftVerdictHandler } from './claims/draft-verdict/draft-verdict.handler';
import { EditClaimHandler } from './claims/edit-claim/edit-claim.handler';
import { ReanchorClaimHandler } from './claims/reanchor-claim/reanchor-claim.handler';
import { RejectVerdictHandler } from './claims/reject-verdict/reject-verdict.handler';
import { RetractVerdictHandler } from './claims/retract-verdict/retract-verdict.handler';
import { SubmitVerdictHandler } from './claims/submit-verdict/submit-verdict.handler';
import { WithdrawClaimHandler } from './claims/withdraw-claim/withdraw-claim.handler';
import { AmendCorrectionHandler } from './corrections/amend-correction/amend-correction.handler';
import { ApproveCorrectionHandler } from './corrections/approve-correction/approve-correction.handler';
import { ProposeCorrectionHandler } from './corrections/propose-correction/propose-correction.handler';
import { RejectCorrectionHandler } from './corrections/reject-correction/reject-correction.handler';
import { WithdrawCorrectionHandler } from './corrections/withdraw-correction/withdraw-correction.handler';
import { PublishCorrectionHandler } from './corrections/publish-correction/publish-correction.handler';
import { FollowRevisionHandler } from './process-managers/follow-revision/follow-revision.handler';
import { PROCESS_STATE, ProcessManagers } from './process-managers/process-managers';
import { ProcessState } from './process-managers/process-state';
import { AggregateStore } from './shared/aggregate-store';
import { AnchorFollowing } from './shared/anchor-following';
import { Articles } from './shared/articles';
import { TextDerivation } from './shared/text-derivation';

const HANDLERS = [
  ImportArticleHandler,
  ReviseArticleHandler,
  ImportCorpusHandler,
  CaptureClaimHandler,
  EditClaimHandler,
  ReanchorClaimHandler,
  AssignClaimHandler,
  WithdrawClaimHandler,
  DraftVerdictHandler,
  SubmitVerdictHandler,
  ApproveVerdictHandler,
  RejectVerdictHandler,
  RetractVerdictHandler,
  ProposeCorrectionHandler,
  AmendCorrectionHandler,
  ApproveCorrectionHandler,
  RejectCorrectionHandler,
  WithdrawCorrectionHandler,
  PublishCorrectionHandler,
  FollowRevisionHandler,
];

export interface EditorialOptions {
  /** Run the process managers in this program (the server does; a one-shot CLI does not). */
  processManagers?: boolean;
  /** Where the process managers keep their checkpoint; default $DATA_DIR/process-managers.db. */
  processStateFile?: string;
  ratingScale?: RatingScale;
}

/** The newsroom's use cases on the command bus, and the process managers that follow them. */
@Module({})
export class EditorialModule {
  static forRoot(options: EditorialOptions = {}): DynamicModule {
    const processManagers: Provider[] = options.processManagers
      ? [
          {
            provide: PROCESS_STATE,
            inject: [MARGINALIA_CONFIG],
            useFactory: (config: MarginaliaConfig) =>
              new ProcessState(
                options.processStateFile ?? join(config.dataDir, 'process-managers.db'),
              ),
          },
          ProcessManagers,
        ]
      : [];
    return {
      module: EditorialModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        AggregateStore,
        AnchorFollowing,
        Articles,
        TextDerivation,
        { provide: RATING_SCALE, useValue: options.ratingScale ?? DEFAULT_RATING_SCALE },
        ...HANDLERS,
        ...processManagers,
      ],
      exports: [
        CqrsModule,
        AggregateStore,
        AnchorFollowing,
        Articles,
        ...(options.processManagers ? [ProcessManagers] : []),
      ],
    };
  }
}
