import { types } from 'node:util';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const parse = (value: unknown): Date => {
  if (typeof value !== 'string' || !ISO.test(value)) {
    throw new GraphQLError(
      `DateTime must be an ISO 8601 string such as 2026-01-31 or 2026-01-31T21:00:00Z, got ${JSON.stringify(value)}`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    throw new GraphQLError(`DateTime ${value} is not a real date`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return d;
};

/** ISO 8601 in UTC on output; ISO date or date-time (with zone) on input. Stored as ISO text in SQLite. */
export const DateTimeResolver = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'An instant as an ISO 8601 string in UTC (e.g. 2026-01-31T21:00:00.000Z). Inputs accept a date (2026-01-31, midnight UTC) or a date-time with zone.',
  serialize: (value) => {
    // Not `instanceof`: a Date that crossed from a worker thread can belong to another realm (jest's sandbox
    // is one), and it is a Date all the same.
    if (types.isDate(value)) return value.toISOString();
    if (typeof value === 'string' || typeof value === 'number') {
      const d = new Date(value);
      if (!Number.isNaN(d.getTime())) return d.toISOString();
    }
    throw new GraphQLError(`cannot serialize ${String(value)} as DateTime`);
  },
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string literal', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parse(ast.value);
  },
});
