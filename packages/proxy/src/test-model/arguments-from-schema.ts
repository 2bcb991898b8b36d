/**
 * A value matching a JSON schema, built the simple, predictable way the test model needs:
 * required properties only; strings `"test"`, numbers and integers `1`, booleans `true`, enums
 * their first value, arrays one item, objects recursively.
 *
 * @example
 * ```ts
 * argumentsFromSchema({
 *   type: 'object',
 *   properties: { city: { type: 'string' }, unit: { enum: ['c', 'f'] }, days: { type: 'integer' } },
 *   required: ['city', 'unit'],
 * }); // { city: 'test', unit: 'c' }
 * ```
 */
export function argumentsFromSchema(schema: unknown, depth = 0): unknown {
  if (!isRecord(schema) || depth > 16) return {};
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length > 0) return argumentsFromSchema(variants[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return 'test';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return [argumentsFromSchema(schema.items, depth + 1)];
    default:
      return objectFromSchema(schema, depth);
  }
}

function objectFromSchema(schema: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const name of required) {
    if (typeof name === 'string') out[name] = argumentsFromSchema(properties[name], depth + 1);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
