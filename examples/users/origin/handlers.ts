/**
 * The users service's own implementation of the generated `UsersHandlers`: the origin's,
 * over the SQLite store, and the read-only replica's.
 */
import type { User, UsersHandlers } from '../../../generated/users/index.js';
import { rejectMissingUser, rejectTakenEmail, rejectWriteOnReplica } from './answers.js';
import type { UsersReader, UsersStore, WriteOutcome } from './store.js';

/**
 * The origin's handlers: every route reads or writes `store`. A missing id is 404
 * `user_not_found`, an email another user has is 409 `email_taken`; `created_at` is set by
 * the store when the user is created and never changes after.
 */
export function createOriginHandlers(store: UsersStore): UsersHandlers {
  return {
    ...createReadHandlers(store),
    async createUser(body) {
      return settleWrite(store.create(body), 0, body.email);
    },
    async updateUser(id, body) {
      return settleWrite(store.update(id, body), id, body.email);
    },
    async deleteUser(id) {
      if (!store.remove(id)) {
        throw rejectMissingUser(id);
      }
    },
  };
}

/**
 * The replica's handlers: the same reads as the origin's, over a read-only view of its
 * database; every write is 405 `read_only_replica`.
 */
export function createReplicaHandlers(reader: UsersReader): UsersHandlers {
  const refuse = async (): Promise<never> => {
    throw rejectWriteOnReplica();
  };

  return {
    ...createReadHandlers(reader),
    createUser: refuse,
    updateUser: refuse,
    deleteUser: refuse,
  };
}

function createReadHandlers(reader: UsersReader): Pick<UsersHandlers, 'listUsers' | 'getUser'> {
  return {
    async listUsers() {
      return reader.list();
    },
    // #region handler
    async getUser(id) {
      const user = reader.get(id);
      if (user === undefined) {
        throw rejectMissingUser(id);
      }

      return user;
    },
    // #endregion handler
  };
}

function settleWrite(outcome: WriteOutcome, id: number, email: string): User {
  if (outcome.kind === 'missing') {
    throw rejectMissingUser(id);
  }
  if (outcome.kind === 'email-taken') {
    throw rejectTakenEmail(email);
  }

  return outcome.user;
}
