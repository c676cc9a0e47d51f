/**
 * Hash routes, so the API serves one page: `#/articles`, `#/articles/<id>?revision=2`,
 * `#/desk`, `#/claims/<id>`, `#/corrections/<id>`, `#/audit/<articleId>`. No token ever
 * travels in a route.
 */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  /** The path's segments: `['articles', '<id>']`. */
  parts: string[];
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  const [pathPart = '', search = ''] = hash.split('?', 2);
  return {
    parts: pathPart.split('/').filter(Boolean).map(decodeURIComponent),
    params: new URLSearchParams(search),
  };
}

export function href(
  parts: string[],
  params: Record<string, string | number | undefined> = {},
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${text ? `?${text}` : ''}`;
}

export function navigate(
  parts: string[],
  params: Record<string, string | number | undefined> = {},
): void {
  location.hash = href(parts, params);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
