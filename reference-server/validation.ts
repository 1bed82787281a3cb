// Request-body validation: one Ajv instance compiling the fixture's schemas, and Ajv errors mapped to envelope details.
import { Ajv, type ErrorObject, type Options as AjvOptions } from 'ajv';
import ajvFormats from 'ajv-formats';
import { HttpError, type FieldError } from './envelope.ts';

export type { AjvOptions };

/** A validator in the shape fastify's validatorCompiler expects: the body back, or the 422 to send. */
export type BodyValidator = (data: unknown) => { value: unknown } | { error: HttpError };

export type ValidationDetails = (errors: readonly ErrorObject[], data: unknown) => FieldError[];

export const DEFAULT_AJV_OPTIONS: AjvOptions = {
  allErrors: true,
  // A string "5" where a number belongs is the client's mistake to hear about, not to have fixed.
  coerceTypes: false,
  // The fixture carries x- keywords for payload generators; strict mode would reject them.
  strict: false,
  // Unions tagged by a property (carriers' type) report the one variant the tag selects.
  discriminator: true,
};

export function createBodyValidatorCompiler(
  ajvOptions: AjvOptions,
  validationDetails: ValidationDetails,
): (schema: object) => BodyValidator {
  const ajv = new Ajv(ajvOptions);
  // ajv-formats is CommonJS; under NodeNext its plugin is the default export's `default`.
  ajvFormats.default(ajv);
  return (schema) => {
    const validate = ajv.compile(schema);
    return (data) =>
      validate(data)
        ? { value: data }
        : { error: new HttpError(422, 'Validation failed', validationDetails(validate.errors ?? [], data)) };
  };
}

/**
 * One detail per invalid field, named with dots for objects and brackets for array items
 * (`corporateAddress.line1`, `requiredDocuments[0]`). The first error for a field wins, so a
 * wrong-typed enum reports its type error once rather than a type and an enum error.
 */
export function validationDetails(errors: readonly ErrorObject[], data: unknown): FieldError[] {
  const messages = new Map<string, string>();
  for (const error of errors) {
    const field = fieldName(error, data);
    if (!messages.has(field)) messages.set(field, describe(error));
  }
  return [...messages].map(([field, message]) => ({ field, message }));
}

function fieldName(error: ErrorObject, data: unknown): string {
  const segments = error.instancePath === ''
    ? []
    : error.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String(error.params.additionalProperty));
  if (error.keyword === 'discriminator') segments.push(String(error.params.tag));

  // Walk the data alongside the path: only the data knows whether "0" is an array index or a property name.
  let field = '';
  let value: unknown = data;
  for (const segment of segments) {
    field += Array.isArray(value) ? `[${segment}]` : field === '' ? segment : `.${segment}`;
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return field === '' ? 'body' : field;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'Field is required';
    case 'type':
      return `Must be of type ${String(params.type).split(',').join(' or ')}`;
    case 'format':
      return `Invalid ${String(params.format)} format`;
    case 'enum':
      return `Must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'maxLength':
      return `Must be at most ${String(params.limit)} characters`;
    case 'minLength':
      return `Must be at least ${String(params.limit)} characters`;
    case 'minimum':
      return `Must be at least ${String(params.limit)}`;
    case 'maximum':
      return `Must be at most ${String(params.limit)}`;
    case 'additionalProperties':
      return 'Unknown field';
    case 'discriminator':
      return params.error === 'mapping' ? 'Not one of the known types' : 'Must be given, as a string';
    default:
      return 'Invalid value';
  }
}
