// The `route` label of the HTTP metrics: the route's path pattern written as a template
// (`/api/team/tasks/:id`), never the path asked for, so that ids, tokens and guessed URLs cannot
// become label values. There are as many values as routes, plus `unmatched`.

/** Requests no route matched (404, and 400 for a target that is not a path). */
export const UNMATCHED_ROUTE = 'unmatched';

export function routeLabel(path: RegExp): string {
  return (
    path.source
      .replace(/^\^/, '')
      .replace(/\$$/, '')
      // a group of plain words stays as it is written (`(approve|reject)`): a fixed set of values
      .replace(/\((?:[^()\\]|\\.)*\)/g, (group) => (/^\([a-z]+(?:\|[a-z]+)*\)$/.test(group) ? group : ':id'))
      .replace(/\\(.)/g, '$1')
  );
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The request's method as a label: anything unusual is `other`, so a client cannot invent values. */
export function methodLabel(method: string | undefined): string {
  return method && METHODS.has(method) ? method : 'other';
}
