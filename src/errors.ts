/**
 * One error type for the whole product. Each error carries a stable machine code, a message for
 * the log, a message safe to show the caller, and optional evidence such as the offending paths.
 * The HTTP status comes from one table, so a code always answers with the same status.
 */

export const errorStatus = {
  bad_request: 400,
  validation_failed: 422,
  malformed_json: 400,
  malformed_xml: 400,
  /** A signed webhook whose body is not JSON: 422, like a schema violation. */
  malformed_payload: 422,
  xml_forbidden: 400,
  decryption_failed: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthorized: 401,
  signature_missing: 401,
  signature_invalid: 401,
  timestamp_stale: 401,
  encryption_required: 401,
  app_id_mismatch: 401,
  forbidden: 403,
  /** A bank extension past the first 30 days without a supervisor's approval. */
  approval_required: 403,
  csrf_failed: 403,
  not_found: 404,
  complaint_not_found: 404,
  invalid_transition: 409,
  conflict: 409,
  extension_limit: 409,
  too_many_requests: 429,
  import_invalid: 422,
  config_invalid: 500,
  internal: 500,
  not_implemented: 501,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldIssue {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  /** Shown to the caller; defaults to a generic text for 5xx and to `message` otherwise. */
  publicMessage?: string;
  issues?: FieldIssue[];
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly publicMessage: string;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorStatus[code];
    this.issues = options.issues;
    this.publicMessage = options.publicMessage ?? (this.status >= 500 ? 'Internal error' : message);
  }

  /** The body every error response carries: code, a safe message and the field paths. */
  toBody(requestId?: string) {
    return {
      error: {
        code: this.code,
        message: this.publicMessage,
        ...(this.issues ? { issues: this.issues } : {}),
        ...(requestId ? { requestId } : {}),
      },
    };
  }
}

/** Turns zod issues into the path list an error body carries. */
export function issuesFromZod(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
