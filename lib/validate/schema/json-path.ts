const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Turns an ajv instance path (`/spec/templates/0/container`) into the JSON path users read
 * (`spec.templates[0].container`); keys that are not identifiers are quoted (`metadata.labels["app.kubernetes.io/name"]`).
 *
 * @param data the validated object, to tell array indexes from numeric-looking map keys
 */
export function jsonPath(instancePath: string, data: unknown, extraKey?: string): string {
  const segments = instancePath === '' ? [] : instancePath.slice(1).split('/').map(unescapePointer);
  if (extraKey !== undefined) segments.push(extraKey);
  let path = '';
  let node: unknown = data;
  for (const segment of segments) {
    if (Array.isArray(node)) {
      path += `[${segment}]`;
    } else if (IDENTIFIER.test(segment)) {
      path += path === '' ? segment : `.${segment}`;
    } else {
      path += `[${JSON.stringify(segment)}]`;
    }
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
