/**
 * The README's code samples, as a script that runs against the demo (`npm run demo` in
 * another terminal, on its default ports):
 *
 *     node --conditions=source --import tsx examples/users/quick-start.ts
 *
 * It uses the generated client on the origin, then starts a second gateway in front of the
 * same origin on a free port, reads its `/resilience`, and cleans up. The README shows the
 * `#region` blocks exactly as they are here; test/e2e/users-readme.test.ts checks it.
 */
import { createUsersGateway, createUsersServer, UsersClient } from '../../generated/users/index.js';

// #region client
const client = new UsersClient({ baseURL: 'http://127.0.0.1:8081' });
const ada = await client.createUser({ name: 'Ada', email: `ada-${Date.now()}@example.com` });
const user = await client.getUser(ada.id); // a User, checked against the contract's schema
const { data, source, attempts } = await client.listUsers().withAnswer();
console.log(user.created_at, data.length, source, attempts); // source: 'network', 'cache', …
// #endregion client

// #region server
const app = createUsersServer({ handlers: createUsersGateway(client), clients: [client] });
await app.listen({ host: '127.0.0.1', port: 0 });
// #endregion server

try {
  const gateway = app.listeningOrigin;
  const answer = await fetch(`${gateway}/api/users/${ada.id}`);
  console.log(`GET ${gateway}/api/users/${ada.id} → ${answer.status}`);
  const resilience = (await (await fetch(`${gateway}/resilience`)).json()) as {
    profiles: object;
  };
  console.log(JSON.stringify(resilience.profiles, null, 2));
} finally {
  await client.deleteUser(ada.id);
  await app.close();
}
