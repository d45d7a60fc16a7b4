import ValidatorSelector from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Compilers = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

/**
 * Fastify compiles every route's request validator (ajv) and response serialiser (fast-json-stringify)
 * while the app starts: with 130-odd routes that was about 1.8 s of a 4 s cold start, and the compiled
 * code of routes nobody calls stayed in memory. These factories wrap Fastify's own compilers so each
 * schema is compiled on its route's first request instead, with the same options and the same result.
 * A schema that cannot compile then fails its first request rather than the start; every route is
 * called by the tenant-isolation and authorisation tests, so such a schema still fails the suite.
 */

type ValidateFn = ((data: unknown) => unknown) & { errors?: unknown };
type CompileValidator = (route: unknown) => ValidateFn;
type ValidatorFactory = (externalSchemas: unknown, options: unknown) => CompileValidator;
type Serialize = (doc: unknown) => string;
type SerializerFactory = (externalSchemas: unknown, options: unknown) => (route: unknown) => Serialize;

export function lazyValidatorFactory(): NonNullable<Compilers['buildValidator']> {
  const build = (ValidatorSelector as unknown as () => ValidatorFactory)();
  const factory: ValidatorFactory = (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (route) => {
      let validate: ValidateFn | undefined;
      const lazy: ValidateFn = (data) => {
        validate ??= compile(route);
        const result = validate(data);
        // Fastify reads a failed validation's errors from the function it was given.
        lazy.errors = validate.errors;
        return result;
      };
      return lazy;
    };
  };
  // Fastify's type asks for ajv's full function type; the wrapper offers what Fastify calls and reads.
  return factory as unknown as NonNullable<Compilers['buildValidator']>;
}

export function lazySerializerFactory(): NonNullable<Compilers['buildSerializer']> {
  const build = (SerializerSelector as unknown as () => SerializerFactory)();
  const factory: SerializerFactory = (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (route) => {
      let serialize: Serialize | undefined;
      return (doc) => {
        serialize ??= compile(route);
        return serialize(doc);
      };
    };
  };
  return factory as unknown as NonNullable<Compilers['buildSerializer']>;
}
