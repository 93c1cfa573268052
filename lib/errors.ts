/**
 * One error type with a code (STYLE 8). Expected errors carry a message meant
 * for the person using the portal; anything else is unexpected, is logged
 * with a reference, and the person sees "something went wrong" and the reference.
 */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "INVALID_STATE"
  | "RATE_LIMITED"
  /** The thing existed and was deleted on purpose (a file under the retention policy). */
  | "GONE";

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "That record") => new AppError("NOT_FOUND", `${what} was not found.`);
export const forbidden = (message = "You do not have permission to do that.") => new AppError("FORBIDDEN", message);
export const conflict = (message: string) => new AppError("CONFLICT", message);

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError || (err instanceof Error && err.name === "AppError" && "code" in err);
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  INVALID_STATE: 409,
  RATE_LIMITED: 429,
  GONE: 410,
};

/** A short reference a person can quote to an admin, which also appears in the server log. */
export function errorReference(): string {
  return `ERR-${Date.now().toString(36).toUpperCase()}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
}
