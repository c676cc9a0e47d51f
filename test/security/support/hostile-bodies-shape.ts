import { type OpenApiDocument, resolve, type Schema } from './openapi';

/** A place in a JSON body: keys and array indexes from the root. */
export type Path = Array<string | number>;

/** What a body of an operation holds, read from its OpenAPI schema and its valid body. */
export interface BodyShape {
  /** Objects present in the valid body, each with its schema: where unknown keys can go. */
  objects: Array<{ path: Path; known: string[] }>;
  /** Every declared field of those objects, present or not. */
  fields: Array<{ path: Path; schema: Schema; required: boolean; present: boolean }>;
  /** The string values present in the valid body (fields and array items). */
  strings: Path[];
  /** Whether the body must hold something (the schema requires a field). */
  requiresSomething: boolean;
}

export function shapeOf(
  doc: OpenApiDocument,
  schema: Schema | undefined,
  valid: unknown,
): BodyShape {
  const shape: BodyShape = {
    objects: [],
    fields: [],
    strings: [],
    requiresSomething: (schema?.required?.length ?? 0) > 0,
  };
  const walk = (objectSchema: Schema, value: Record<string, unknown>, path: Path) => {
    const properties = objectSchema.properties ?? {};
    shape.objects.push({ path, known: Object.keys(properties) });
    for (const [name, declared] of Object.entries(properties)) {
      const field = resolve(doc, declared);
      const present = Object.hasOwn(value, name);
      const here = [...path, name];
      shape.fields.push({
        path: here,
        schema: field,
        required: objectSchema.required?.includes(name) ?? false,
        present,
      });
      if (!present) continue;
      const child = value[name];
      if (field.type === 'string' && typeof child === 'string') shape.strings.push(here);
      if (field.type === 'object' && isObject(child)) walk(field, child, here);
      if (field.type === 'array' && Array.isArray(child) && field.items !== undefined) {
        const items = resolve(doc, field.items);
        child.forEach((item, index) => {
          if (items.type === 'object' && isObject(item)) walk(items, item, [...here, index]);
          if (items.type === 'string' && typeof item === 'string') {
            shape.strings.push([...here, index]);
          }
        });
      }
    }
  };
  walk(schema ?? { type: 'object', properties: {} }, (valid ?? {}) as Record<string, unknown>, []);
  return shape;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of `value` with `at` set (or, with `remove`, deleted); keys become own keys. */
export function setAt(value: unknown, at: Path, replacement: unknown, remove = false): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  if (at.length === 0) return replacement;
  let parent = copy as Record<string | number, unknown>;
  for (const step of at.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (remove) delete parent[last];
  // defineProperty, so that "__proto__" becomes an own key, serialised as the attacker sends it.
  else
    Object.defineProperty(parent, last, {
      value: replacement,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

export function getAt(value: unknown, at: Path): unknown {
  let current = value as Record<string | number, unknown> | undefined;
  for (const step of at) current = current?.[step] as Record<string | number, unknown> | undefined;
  return current;
}
