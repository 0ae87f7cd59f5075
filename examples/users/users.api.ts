/**
 * The users contract: the seed's `TUserController` (nest4d-resilience-example.md, section
 * 3) as a resilgen contract. Each route keeps the seed's profile: reads of the whole list
 * favour availability, writes fail fast.
 */
import {
  Cache,
  Controller,
  Delete,
  FallbackValue,
  Get,
  Post,
  Put,
  Resilience,
  Status,
} from 'resilgen/runtime';
import type { Integer } from 'resilgen/runtime';
import type { NewUser, User } from './types.js';

/** Users of the external users service, behind the resilient gateway. */
@Controller('/api/users')
@Resilience('default')
export class UsersApi {
  /**
   * Lists every user. A cached list is served for two minutes; when the service and the
   * caches all fail, the answer is an empty list.
   */
  @Get('/')
  @Resilience('highAvailability')
  @Cache({ ttl: 120_000 })
  @FallbackValue([])
  listUsers!: () => Promise<User[]>;

  /** Gets one user by id; a cached user is served for five minutes. */
  @Get('/:id')
  @Cache({ ttl: 300_000 })
  getUser!: (id: Integer) => Promise<User>;

  /** Creates a user and answers it with its new id. */
  @Post('/')
  @Resilience('fastFail')
  @Status(201)
  createUser!: (body: NewUser) => Promise<User>;

  /** Replaces a user's name and email. */
  @Put('/:id')
  @Resilience('fastFail')
  updateUser!: (id: Integer, body: NewUser) => Promise<User>;

  /** Deletes a user; the answer has no body. */
  @Delete('/:id')
  @Resilience('fastFail')
  deleteUser!: (id: Integer) => Promise<void>;
}
