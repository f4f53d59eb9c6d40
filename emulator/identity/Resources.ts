/** The services a token may be for, as the live config names them. */
export type ResourceName = 'graph' | 'sharepoint' | 'mySite' | 'yammer';

/** Each service's resource URL: a token's `aud`, and its scope with `/.default`. */
export type Resources = { readonly [R in ResourceName]: string };

/** The resources of an emulator at `url`: each a path prefix on its one origin. */
export function resourcesAt(url: string): Resources {
  return { graph: `${url}/graph`, sharepoint: `${url}/sp`, mySite: `${url}/my`, yammer: `${url}/yammer` };
}

/** The resource a scope such as `https://127.0.0.1:8443/graph/.default` asks for, if it is one of `resources`. */
export function resourceOfScope(resources: Resources, scope: string): string | undefined {
  const cut = scope.lastIndexOf('/');
  if (cut <= 0) return undefined;
  const base = scope.slice(0, cut).replace(/\/+$/, '');
  return Object.values(resources).find((r) => r.toLowerCase() === base.toLowerCase());
}
