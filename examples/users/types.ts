/**
 * The data of the users example, shared by its contract, its origin service and its
 * gateway. The seed's `TUser` record, as JSON on the wire.
 */
import type { Integer } from 'resilgen/runtime';

/** A user as the service stores and returns it. */
export interface User {
  /** The user's id, assigned by the service. */
  id: Integer;
  name: string;
  /** @format email */
  email: string;
  /**
   * When the user was created, as an ISO 8601 date-time.
   * @format date-time
   */
  created_at: string;
}

/** What a client sends to create or replace a user. */
export interface NewUser {
  /** @minLength 1 */
  name: string;
  /** @format email */
  email: string;
}
