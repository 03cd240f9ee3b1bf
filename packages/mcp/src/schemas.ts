/**
 * The schemas a session tool is registered with: the tool's own, plus the
 * handle argument (tools that need a session) or the handle and expiry fields
 * of the result (tools that start one). The tool's own fields are kept as
 * they are; a clash with the layer's names is refused when the tool is
 * registered, not discovered at call time.
 */
import { z } from 'zod';

/** A zod 4 object schema, or the shape of one (`{ name: z.string() }`). */
export type ObjectSchemaInput = z.ZodObject | z.ZodRawShape;

/** The field of a minted session's expiry in a result. */
export const EXPIRES_AT_FIELD = 'session_expires_at';

/** Thrown when a session tool is defined or registered wrongly (a schema that cannot be extended, a name clash). */
export class SessionToolDefinitionError extends TypeError {
  /** Always `'SessionToolDefinitionError'`, so logs and stack traces name this class. */
  override readonly name = 'SessionToolDefinitionError';
}

function isZod4(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** `schema` as a zod object (an empty one when absent). */
export function toObjectSchema(schema: ObjectSchemaInput | undefined, what: string): z.ZodObject {
  if (schema === undefined) return z.object({});
  if (isZod4(schema)) {
    if (schema instanceof z.ZodObject || (schema as z.ZodType)._zod.def.type === 'object') return schema as z.ZodObject;
    throw new SessionToolDefinitionError(`${what}: expected a zod object schema (z.object({...})), received a zod ${(schema as z.ZodType)._zod.def.type}`);
  }
  if (typeof schema === 'object' && schema !== null && Object.values(schema).every(isZod4)) return z.object(schema as z.ZodRawShape);
  throw new SessionToolDefinitionError(`${what}: expected a zod 4 object schema or a shape of zod 4 schemas (zod 3 schemas cannot be extended)`);
}

/** `schema` with `fields` added; refuses a field the schema already has. */
export function withFields(schema: z.ZodObject, fields: z.ZodRawShape, what: string): z.ZodObject {
  for (const name of Object.keys(fields)) {
    if (name in schema.shape) {
      throw new SessionToolDefinitionError(
        `${what} already has a field '${name}', which the session layer adds; rename the tool's field or choose another handleArgument`,
      );
    }
  }
  // safeExtend (zod >= 4.1) keeps the schema's refinements, which extend refuses to.
  const extendable = schema as z.ZodObject & { safeExtend?: (shape: z.ZodRawShape) => z.ZodObject };
  return typeof extendable.safeExtend === 'function' ? extendable.safeExtend(fields) : schema.extend(fields);
}

/** The handle argument as the model sees it. */
export function handleArgumentSchema(description: string): z.ZodString {
  return z.string().describe(description);
}

/** The two fields a minted session adds to a result. */
export function mintedFields(handleArgument: string): z.ZodRawShape {
  return {
    [handleArgument]: z.string().describe('The new session’s handle: pass it to the other tools of this session'),
    [EXPIRES_AT_FIELD]: z.string().describe('When the session expires (ISO 8601); after that its handle is refused'),
  };
}
