import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Every key that can hold a secret, wherever it sits in a log object. Redaction is by key name,
 * so a credential inside an error cause or a request body is hidden too.
 */
export const SECRET_KEYS = [
  'credentials',
  'token',
  'accessToken',
  'apiToken',
  'password',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'x-csrf-token',
  'signInToken',
];

const DEPTH = 5;
const paths = SECRET_KEYS.flatMap((key) =>
  Array.from({ length: DEPTH }, (_, depth) => {
    const prefix = '*.'.repeat(depth);
    return /^\w+$/.test(key) ? `${prefix}${key}` : `${prefix.slice(0, -1)}["${key}"]`;
  }),
);

export type { Logger };

export function createLogger(options: { level: string; destination?: DestinationStream; name?: string }): Logger {
  return pino(
    {
      level: options.level,
      name: options.name ?? 'intake',
      redact: { paths, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.errWithCause, error: pino.stdSerializers.errWithCause },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
