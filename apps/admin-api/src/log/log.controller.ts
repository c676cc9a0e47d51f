import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Checkpointer, type IssuedCheckpoint, LogTree } from '@marginalia/event-store';
import { checkLimit, decodeCursor, pageOf } from '@marginalia/read-models';
import {
  Public,
  RolesAllowed,
  ApiAuthenticated,
  ApiProblems,
  PageQuery,
  ProblemException,
  validationFailed,
} from '@marginalia/http';
import {
  CheckpointPageResponse,
  CheckpointResponse,
  ConsistencyProofQuery,
  ConsistencyProofResponse,
  InclusionProofQuery,
  InclusionProofResponse,
} from './log.dto';

/** How long a request waits for the tree to cover the log as it stands. */
const CATCH_UP_MS = 5000;

/** The verifiable log (SPEC §9): its key, its checkpoints and the proofs between them. */
@ApiTags('log')
@Controller()
export class LogController {
  constructor(
    private readonly tree: LogTree,
    private readonly checkpointer: Checkpointer,
  ) {}

  @Get('v1/log/key')
  @Public()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    summary: 'The key that verifies the checkpoints (no token needed)',
    description:
      'C2SP signed-note verifier key `<name>+<hex key id>+<base64(0x01 || Ed25519 public key)>`. ' +
      'Auditors pin it once, from a channel they trust.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  key(): string {
    return this.checkpointer.verifierKey;
  }

  @Get('v1/log/checkpoint')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiAuthenticated()
  @ApiOperation({
    summary: 'The latest checkpoint, as the signed note issued (any role)',
    description: 'A C2SP tlog-checkpoint note signed per C2SP signed-note with Ed25519.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiProblems(404)
  latest(): string {
    const latest = this.checkpointer.latest();
    if (!latest) {
      throw new ProblemException(404, 'not_found', 'No checkpoint has been issued yet');
    }
    return latest.note;
  }

  @Get('v1/log/checkpoints')
  @RolesAllowed('auditor', 'admin')
  @ApiAuthenticated()
  @ApiOperation({ summary: 'Every checkpoint issued, oldest first (auditor, admin)' })
  @ApiOkResponse({ type: CheckpointPageResponse })
  @ApiProblems(400, 403)
  checkpoints(@Query() query: PageQuery): CheckpointPageResponse {
    const limit = checkLimit(query.limit);
    const rows = this.tree.file.checkpoints(decodeCursor(query.cursor), limit + 1);
    const page = pageOf(rows, limit, (row) => row.seq);
    return { items: page.items.map(checkpointOf), nextCursor: page.nextCursor };
  }

  @Post('v1/admin/log/checkpoints')
  @HttpCode(201)
  @RolesAllowed('admin')
  @ApiAuthenticated()
  @ApiOperation({
    summary: 'Issue a checkpoint of the log as it stands now (admin)',
    description:
      'Refused with 500 `log_inconsistent` when the log no longer extends the last checkpoint.',
  })
  @ApiCreatedResponse({ type: CheckpointResponse })
  @ApiProblems(403, [500, '`log_inconsistent`: the log no longer extends the last checkpoint'], 503)
  async issue(): Promise<CheckpointResponse> {
    await this.tree.waitForHead(CATCH_UP_MS);
    return checkpointOf(this.checkpointer.issue());
  }

  @Get('v1/log/proofs/inclusion')
  @RolesAllowed('auditor', 'admin')
  @ApiAuthenticated()
  @ApiOperation({ summary: 'The audit path of a leaf in a tree size (auditor, admin)' })
  @ApiOkResponse({ type: InclusionProofResponse })
  @ApiProblems(400, 403)
  async inclusion(@Query() query: InclusionProofQuery): Promise<InclusionProofResponse> {
    const { leafIndex, treeSize } = query;
    await this.checkTreeSize(treeSize, 'treeSize');
    if (leafIndex >= treeSize) {
      throw validationFailed('leafIndex must be below treeSize', [
        { field: 'leafIndex', message: `must be from 0 to ${treeSize - 1}` },
      ]);
    }
    const proof = this.tree.inclusion(leafIndex, treeSize);
    return {
      leafIndex,
      treeSize,
      leafHash: proof.leafHash.toString('base64'),
      hashes: proof.hashes.map((hash) => hash.toString('base64')),
    };
  }

  @Get('v1/log/proofs/consistency')
  @RolesAllowed('auditor', 'admin')
  @ApiAuthenticated()
  @ApiOperation({
    summary: 'The proof that a tree size extends an earlier one (auditor, admin)',
  })
  @ApiOkResponse({ type: ConsistencyProofResponse })
  @ApiProblems(400, 403)
  async consistency(@Query() query: ConsistencyProofQuery): Promise<ConsistencyProofResponse> {
    const { first, second } = query;
    await this.checkTreeSize(second, 'second');
    if (first > second) {
      throw validationFailed('first must not be above second', [
        { field: 'first', message: `must be from 1 to ${second}` },
      ]);
    }
    return {
      first,
      second,
      hashes: this.tree.consistency(first, second).map((hash) => hash.toString('base64')),
    };
  }

  private async checkTreeSize(size: number, field: string): Promise<void> {
    // The tree follows the log a moment behind it: a size the log already has is waited for, so
    // a client that just wrote (or just read the feed) can ask for the proof at once.
    if (size > this.tree.size) await this.tree.waitForHead(CATCH_UP_MS);
    if (size > this.tree.size) {
      throw validationFailed(`${field} is beyond the current tree`, [
        { field, message: `must be from 1 to ${this.tree.size}, the current tree's size` },
      ]);
    }
  }
}

function checkpointOf({
  treeSize,
  rootHash,
  issuedAt,
  note,
}: IssuedCheckpoint): CheckpointResponse {
  return { treeSize, rootHash, issuedAt, note };
}
