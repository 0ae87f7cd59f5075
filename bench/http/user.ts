/** The user every benchmark server answers: the example's `User` shape, valid by its schema. */
export interface BenchUser {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly created_at: string;
}

/** The user with id `id`. */
export function buildUser(id: number): BenchUser {
  return {
    id,
    name: `User ${id}`,
    email: `user${id}@example.com`,
    created_at: '2024-01-01T00:00:00.000Z',
  };
}
