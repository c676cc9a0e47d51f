import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { type Request, type Response } from 'express';
import { type MarginaliaConfig } from '@marginalia/config';
import {
  developmentActors,
  MARGINALIA_CONFIG,
  mintToken,
  SIGNING_SECRET,
  type SigningSecret,
} from '@marginalia/platform';
import { ProblemException, Public } from '@marginalia/http';
import { type ConsoleFile, loadConsoleFiles } from './console-files';

/** What the console learns before anyone signs in (apps/console/src/config.ts). */
export interface ConsoleConfigResponse {
  oidc?: { issuer: string; clientId: string; scope: string };
  developmentTokens?: Array<{ role: string; sub: string; token: string }>;
  ratings: Array<{ id: string; label: string; value?: number | null }>;
  publisher: { name: string; url: string };
}

/** Development tokens are minted again once this old (they are valid 24 h). */
const DEVELOPMENT_TOKENS_REFRESH_MS = 6 * 3600_000;

/**
 * The editor console (apps/console), served from the same origin as the API it calls, under
 * the strict Content-Security-Policy of the security-headers middleware: its own script and
 * style sheet, nothing from elsewhere.
 */
@Public()
@ApiExcludeController()
@Controller('console')
export class ConsoleController {
  private readonly files: Map<string, ConsoleFile & { etag: string }> | undefined;
  private developmentTokens:
    { minted: number; tokens: ConsoleConfigResponse['developmentTokens'] } | undefined;

  constructor(
    @Inject(MARGINALIA_CONFIG) private readonly config: MarginaliaConfig,
    @Inject(SIGNING_SECRET) private readonly secret: SigningSecret,
  ) {
    const files = loadConsoleFiles();
    this.files =
      files &&
      new Map(
        [...files].map(([name, file]) => [
          name,
          {
            ...file,
            etag: `"${createHash('sha256').update(file.body).digest('base64url').slice(0, 22)}"`,
          },
        ]),
      );
  }

  @Get()
  page(@Req() req: Request, @Res() res: Response): void {
    // The page's script and style sheet are relative to /console/.
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) {
      res.redirect(301, '/console/');
      return;
    }
    this.send('index.html', req, res);
  }

  @Get('config.json')
  async configuration(@Req() req: Request): Promise<ConsoleConfigResponse> {
    const oidc = this.config.auth.oidc;
    return {
      ...(oidc && { oidc: { issuer: oidc.issuerUrl, clientId: oidc.clientId, scope: oidc.scope } }),
      ...(await this.developmentTokensFor(req)),
      ratings: this.config.ratingScale.ratings.map((rating) => ({
        id: rating.id,
        label: rating.label,
        value: rating.value ?? null,
      })),
      publisher: this.config.publisher,
    };
  }

  @Get(':file')
  file(@Param('file') name: string, @Req() req: Request, @Res() res: Response): void {
    this.send(name, req, res);
  }

  private send(name: string, req: Request, res: Response): void {
    if (!this.files) {
      throw new ProblemException(
        503,
        'console_not_built',
        'The console has not been built: run npm run build (npm start builds it)',
      );
    }
    const file = this.files.get(name);
    if (!file) throw new ProblemException(404, 'not_found', 'No such file in the console');
    res.setHeader('Content-Type', file.type);
    res.setHeader('ETag', file.etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === file.etag) {
      res.status(304).end();
      return;
    }
    res.send(file.body);
  }

  /**
   * The development default's tokens, offered only where they were printed: to a browser on
   * this machine (a loopback address), and only while the server runs on the development
   * secret of its data folder.
   */
  private async developmentTokensFor(
    req: Request,
  ): Promise<Pick<ConsoleConfigResponse, 'developmentTokens'>> {
    if (this.secret.source !== 'data_folder' || !fromThisMachine(req)) return {};
    const now = Date.now();
    if (
      !this.developmentTokens ||
      now - this.developmentTokens.minted > DEVELOPMENT_TOKENS_REFRESH_MS
    ) {
      const tokens = [];
      for (const actor of developmentActors()) {
        tokens.push({
          role: actor.roles[0],
          sub: actor.sub,
          token: await mintToken(this.secret.secret, actor, { ttlSeconds: 24 * 3600 }),
        });
      }
      this.developmentTokens = { minted: now, tokens };
    }
    return { developmentTokens: this.developmentTokens.tokens };
  }
}

/**
 * A request from a browser on this machine: a loopback peer that no proxy forwarded (a reverse
 * proxy on the same host connects from loopback too, on behalf of anyone, and says so).
 */
function fromThisMachine(req: Request): boolean {
  const address = req.socket.remoteAddress;
  if (!address || !(address === '::1' || /^(::ffff:)?127\./.test(address))) return false;
  return !['forwarded', 'x-forwarded-for', 'x-real-ip'].some((name) => name in req.headers);
}
