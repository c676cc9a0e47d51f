import { type LoggerService } from '@nestjs/common';
import {
  DAY_SECONDS,
  developmentActors,
  mintToken,
  type SigningSecret,
} from '@marginalia/platform';

/**
 * Without AUTH_JWT_SECRET, a newcomer gets a ready token for each role (valid 24 h) and a
 * request to try, signed with the development secret of the data folder (SPEC §1).
 */
export async function printDevelopmentTokens(
  logger: LoggerService,
  secret: SigningSecret,
  example: { baseUrl: string; path: string },
): Promise<void> {
  if (secret.source !== 'data_folder') return;
  const state = secret.created ? 'created' : 'kept';
  logger.log(
    `AUTH_JWT_SECRET is not set: tokens are signed with the development secret ${secret.file} (${state}). ` +
      'Development tokens, valid 24 h (npm run cli -- mint-token mints others):',
  );
  const tokens: string[] = [];
  for (const actor of developmentActors()) {
    const token = await mintToken(secret.secret, actor, { ttlSeconds: DAY_SECONDS });
    tokens.push(token);
    logger.log(`${actor.roles[0].padEnd(16)} ${token}`);
  }
  logger.log(
    `Try: curl -s -H "Authorization: Bearer ${tokens[0]}" ${example.baseUrl}${example.path}`,
  );
}
