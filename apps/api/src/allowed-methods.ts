import { TrieRouter } from 'hono/router/trie-router';

interface RouteEntry {
  method: string;
  path: string;
}

/**
 * The methods some route answers on a path, for `405 Method Not Allowed` and its `Allow` header: only
 * asked when no route matched, so requests that find their route never pay for it. Built on first
 * use from the app's routes (middleware, registered for `ALL`, does not count); `HEAD` goes with `GET`.
 */
export function allowedMethods(routes: () => readonly RouteEntry[]): (path: string) => string[] {
  let router: TrieRouter<string[]> | undefined;
  const build = () => {
    const byPath = new Map<string, Set<string>>();
    for (const { method, path } of routes()) {
      if (method === 'ALL' || method === 'HEAD') continue;
      const methods = byPath.get(path) ?? new Set<string>();
      methods.add(method);
      if (method === 'GET') methods.add('HEAD');
      byPath.set(path, methods);
    }
    const built = new TrieRouter<string[]>();
    for (const [path, methods] of byPath) built.add('ALL', path, [...methods]);
    return built;
  };
  return (path) => {
    router ??= build();
    const allowed = new Set<string>();
    for (const [methods] of router.match('ALL', path)[0]) for (const method of methods) allowed.add(method);
    return [...allowed];
  };
}
