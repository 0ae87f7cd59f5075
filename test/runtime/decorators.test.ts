import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Cache,
  Controller,
  Delete,
  FallbackValue,
  Get,
  Idempotent,
  Patch,
  Post,
  Put,
  Resilience,
  Status,
} from '../../runtime/index.js';

interface User {
  id: number;
  name: string;
}

@Controller('/api/users')
@Resilience('default')
class UsersApi {
  @Get('/')
  @Resilience('highAvailability')
  @Cache({ ttl: 120_000 })
  @FallbackValue<User[]>([])
  listUsers!: () => Promise<User[]>;

  @Post('/')
  @Status(201)
  @Idempotent()
  createUser!: (body: Omit<User, 'id'>) => Promise<User>;

  @Put('/:id')
  updateUser!: (id: number, body: Omit<User, 'id'>) => Promise<User>;

  @Patch('/:id')
  renameUser!: (id: number, body: Pick<User, 'name'>) => Promise<User>;

  @Delete('/:id')
  deleteUser!: (id: number) => Promise<void>;
}

test('a decorated contract class can be instantiated and its routes stay unset', () => {
  const api = new UsersApi();

  assert.is(api.listUsers, undefined);
  assert.is(api.deleteUser, undefined);
  assert.equal(Object.keys(api).sort(), [
    'createUser',
    'deleteUser',
    'listUsers',
    'renameUser',
    'updateUser',
  ]);
});

test.run();
