/**
 * The 4xx answers the users service chooses itself. A handler throws a `RequestRejection`
 * carrying the answer; the server sends it in its one error shape
 * (`{ error, message, details, requestId }`), and a gateway in front passes it on unchanged.
 */
import { RequestRejection } from 'resilgen/runtime';

/** The `error` codes of the users service's own answers. Never renamed or reused. */
export const UsersErrorCodes = Object.freeze({
  /** 404: no user has the id in the path. */
  USER_NOT_FOUND: 'user_not_found',
  /** 409: another user already has this email (compared without case). */
  EMAIL_TAKEN: 'email_taken',
  /** 405: the replica serves reads only; `Allow` lists what it takes. */
  READ_ONLY_REPLICA: 'read_only_replica',
} as const);

/** The methods the read-only replica takes, as its `Allow` header lists them. */
export const REPLICA_ALLOWED_METHODS = 'GET, HEAD';

// #region rejection
/** The rejection of a request for a user id nobody has. */
export function rejectMissingUser(id: number): RequestRejection {
  return new RequestRejection({
    status: 404,
    error: UsersErrorCodes.USER_NOT_FOUND,
    message: `No user has the id ${id}. GET /api/users lists the users there are.`,
  });
}
// #endregion rejection

/** The rejection of a write that would give two users one email. */
export function rejectTakenEmail(email: string): RequestRejection {
  return new RequestRejection({
    status: 409,
    error: UsersErrorCodes.EMAIL_TAKEN,
    message: `Another user already has the email '${clip(email)}'. Choose another email, or update that user.`,
  });
}

/**
 * The rejection of a write sent to the replica. 405 rather than 503: the replica never takes
 * writes, so trying again later would not help, and a 4xx is never retried by a client.
 */
export function rejectWriteOnReplica(): RequestRejection {
  return new RequestRejection({
    status: 405,
    error: UsersErrorCodes.READ_ONLY_REPLICA,
    message: 'This is a read-only replica of the users service. Send writes to the origin.',
    headers: { allow: REPLICA_ALLOWED_METHODS },
  });
}

// An email is the caller's own input, yet a message stays short whatever was sent.
function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
