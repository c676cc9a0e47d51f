import { type NextFunction, type Request, type Response } from 'express';

/** JSON and the HTML views: nothing may load, inline styles may render, no one may frame it. */
const API_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Swagger UI loads its own scripts and styles, uses inline styles and calls the API. */
const DOCS_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The editor console: its own script and style sheet only (no inline script or style, nothing
 * from elsewhere), calls to this API, and to the newsroom's OpenID provider when single sign-on
 * is configured (its token endpoint is called from the page).
 */
export function consolePolicy(oidcIssuerUrl: string | undefined): string {
  const connect = ["'self'", ...(oidcIssuerUrl ? [new URL(oidcIssuerUrl).origin] : [])];
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The headers of every answer; `oidcIssuerUrl` widens the console's `connect-src`. */
export function securityHeadersMiddleware(
  oidcIssuerUrl: string | undefined,
): (req: Request, res: Response, next: NextFunction) => void {
  const CONSOLE_POLICY = consolePolicy(oidcIssuerUrl);
  return (req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    const docs = req.path === '/docs' || req.path.startsWith('/docs/');
    const console = req.path === '/console' || req.path.startsWith('/console/');
    res.setHeader(
      'Content-Security-Policy',
      docs ? DOCS_POLICY : console ? CONSOLE_POLICY : API_POLICY,
    );
    // Answers depend on the token: shared caches keep none, clients revalidate with the ETag.
    if (req.path.startsWith('/v1/')) res.setHeader('Cache-Control', 'private, no-cache');
    next();
  };
}
