/**
 * The one place an error becomes a response. Typed errors answer with their code and safe message;
 * anything else is logged with its stack and answers a bare 500 that shows no internals.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, type FieldIssue, issuesFromZod } from '../errors.ts';
import type { AppEnv } from './env.ts';

export function errorResponse(c: Context<AppEnv>, error: AppError) {
  return c.json(error.toBody(c.get('requestId')), error.status as 400);
}

export function handleError(error: unknown, c: Context<AppEnv>) {
  if (error instanceof AppError) {
    if (error.status >= 500) c.get('log')?.error({ err: error, code: error.code }, error.message);
    return errorResponse(c, error);
  }
  if (error instanceof HTTPException && error.status < 500) {
    return errorResponse(c, fromHttpException(error));
  }
  c.get('log')?.error({ err: error }, 'unhandled error');
  return errorResponse(c, new AppError('internal', 'unhandled error'));
}

function fromHttpException(error: HTTPException): AppError {
  if (error.status === 413) return new AppError('payload_too_large', 'request body is too large');
  if (error.status === 401) return new AppError('unauthorized', 'authentication required');
  if (/malformed json/i.test(error.message)) {
    return new AppError('malformed_json', 'request body is not valid JSON');
  }
  return new AppError('bad_request', error.message || 'bad request');
}

/** The zod-openapi hook: a request that fails its schema answers 422 with the offending paths. */
interface ValidationResult {
  success: boolean;
  error?: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> };
}

export function validationHook(result: ValidationResult, c: Context<AppEnv>) {
  if (result.success || !result.error) return undefined;
  const issues: FieldIssue[] = issuesFromZod(result.error.issues);
  return errorResponse(
    c,
    new AppError('validation_failed', 'request failed validation', { issues }),
  );
}
