import { type ArticleText, type Capture, captureToText } from '@marginalia/text';
import { serveJobs } from './job-thread';

/** The worker that derives captures' texts: this file, free of Nest so that it starts quickly. */
export const TEXT_WORKER = { role: 'marginalia-text', file: __filename };

serveJobs<Capture, ArticleText>(TEXT_WORKER.role, captureToText);
