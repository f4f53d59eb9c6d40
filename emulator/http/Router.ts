import type { EmulatorRequest } from './EmulatorRequest.js';
import type { ErrorStyle } from './errorStyles.js';
import type { Reply } from './Reply.js';

/** What a route is: a service endpoint (faults apply), the sign-in service, or the emulator's own control endpoint. */
export type RouteKind = 'service' | 'login' | 'control';

/** A handler: it answers, or throws a Refusal. */
export type Handler = (req: EmulatorRequest) => Promise<Reply>;

/** One endpoint: `path` is made of literal segments and `:name` parameters, compared after percent-decoding. */
export type RouteSpec = {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly kind: RouteKind;
  readonly style: ErrorStyle;
  readonly handle: Handler;
};

/** A route found for a request, with its parameters; `write` when the request may change the tenant. */
export type Match =
  | { readonly found: true; readonly route: RouteSpec; readonly params: Readonly<Record<string, string>>; readonly write: boolean }
  | { readonly found: false; readonly status: 404 | 405 | 400; readonly kind: RouteKind; readonly style: ErrorStyle };

type Compiled = { readonly spec: RouteSpec; readonly segments: readonly string[] };

/**
 * The emulator's routes, matched by method and path segments.
 * Invariant: a request matches at most one route; a path some route has with another method is a 405.
 */
export class Router {
  private readonly routes: Compiled[] = [];

  constructor(
    /** the kind and error style of a path no route matches, by its first segment */
    private readonly fallback: (path: string) => { kind: RouteKind; style: ErrorStyle },
  ) {}

  add(spec: RouteSpec): void {
    this.routes.push({ spec, segments: spec.path.split('/').slice(1) });
  }

  match(method: string, pathname: string): Match {
    let segments: string[];
    try {
      segments = pathname.split('/').slice(1).map(decodeURIComponent);
    } catch {
      return { found: false, status: 400, ...this.fallback(pathname) };
    }
    let pathMatched = false;
    for (const { spec, segments: pattern } of this.routes) {
      const params = matchSegments(pattern, segments);
      if (params === undefined) continue;
      if (spec.method !== method) {
        pathMatched = true;
        continue;
      }
      return { found: true, route: spec, params, write: method !== 'GET' };
    }
    return { found: false, status: pathMatched ? 405 : 404, ...this.fallback(pathname) };
  }
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = segments[i]!;
    if (p.startsWith(':')) {
      if (s === '') return undefined;
      params[p.slice(1)] = s;
    } else if (p.toLowerCase() !== s.toLowerCase()) return undefined;
  }
  return params;
}
