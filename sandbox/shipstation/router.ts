/** A tiny router: `/orders/{id}` templates, numeric path parameters, route names for stats and faults. */

export interface RequestContext {
  params: Record<string, number>;
  /** Query parameters with lower-cased names. */
  query: Record<string, string>;
  body: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  template: string;
  /** The response body for a 200 (undefined: an empty 200). Failures throw SimHttpError. */
  handle(ctx: RequestContext): unknown;
}

export interface Match {
  name: string;
  route: Route;
  params: Record<string, number>;
}

export function createRouter(routes: Route[]): (method: string, path: string) => Match | undefined {
  const compiled = routes.map((route) => {
    const names: string[] = [];
    const pattern = route.template.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '(\\d+)';
    });
    return { route, names, regex: new RegExp(`^${pattern}/?$`, 'i') };
  });
  return (method, path) => {
    for (const { route, names, regex } of compiled) {
      const m = route.method === method ? regex.exec(path) : null;
      if (m) return { name: `${route.method} ${route.template}`, route, params: Object.fromEntries(names.map((n, i) => [n, Number(m[i + 1])])) };
    }
    return undefined;
  };
}
