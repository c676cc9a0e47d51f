import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type DerivedText } from '@marginalia/domain';
import { type ArticleText, type Capture, captureToText, TextError } from '@marginalia/text';
import { JobThread, JobThreadError } from './job-thread';
import { TEXT_WORKER } from './text-derivation-worker';

/** Captures smaller than this are derived at once: the round trip would cost more. */
const INLINE_UNITS = 64 * 1024;
/** What a capture may cost the worker before it is refused; 5 MiB of ordinary text takes ~1 s. */
const WORKER_HEAP_MB = 384;
const WORKER_TIMEOUT_MS = 20_000;

/** A capture whose text would cost more memory or time than any real article's. */
export class CaptureTooComplexError extends TextError {
  readonly code = 'capture_too_complex';
  readonly field = 'content';
  constructor(detail: string) {
    super(`The capture is too complex to read: ${detail}`);
    this.name = 'CaptureTooComplexError';
  }
}

/** A refusal of the text rules, raised in the worker and raised again here with its code. */
class DerivationRefused extends TextError {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DerivationRefused';
  }
}

/**
 * The text of a capture (libs/text), derived in a worker thread when the capture is large, so
 * that reading a 5 MiB import never stalls the server's event loop, and a capture that would
 * exhaust memory or time ends the worker, not the server. Answers the text or the refusal, for
 * the decision to raise in its own order of checks.
 */
@Injectable()
export class TextDerivation implements OnModuleDestroy {
  private readonly thread = new JobThread<Capture, ArticleText>({
    ...TEXT_WORKER,
    heapMb: WORKER_HEAP_MB,
    timeoutMs: WORKER_TIMEOUT_MS,
  });

  async derive(capture: Capture): Promise<DerivedText> {
    try {
      if (capture.content.length < INLINE_UNITS) return captureToText(capture);
      const { text, textSha256, metadata } = await this.thread.run(capture);
      // A worker's message is rebuilt in the process's main realm; code in another realm (a jest
      // test's) would not take its objects for plain ones. The metadata is small JSON: copied here.
      return {
        text,
        textSha256,
        metadata: JSON.parse(JSON.stringify(metadata)) as typeof metadata,
      };
    } catch (error) {
      if (error instanceof TextError) return error;
      if (!(error instanceof JobThreadError)) throw error;
      const { thrown } = error;
      if (thrown?.code) return new DerivationRefused(thrown.code, thrown.message, thrown.field);
      if (thrown) throw new Error(`Deriving the text failed: ${thrown.name}: ${thrown.message}`);
      return new CaptureTooComplexError(error.message);
    }
  }

  onModuleDestroy(): Promise<void> {
    return this.thread.close();
  }
}
