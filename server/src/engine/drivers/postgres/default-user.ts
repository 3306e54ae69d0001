// The user name to log in as when the connection names none, as libpq (psql) decides it: PGUSER,
// else the operating-system user. node-postgres on its own only reads $USER (%USERNAME% on Windows),
// which is unset under many service managers, containers and editor launches; the server then
// refuses the login with "no PostgreSQL user name specified in startup packet".
import { userInfo } from 'node:os';

export function defaultPostgresUser(env: NodeJS.ProcessEnv = process.env, osUser: () => string = () => userInfo().username): string | undefined {
  if (env.PGUSER) return env.PGUSER;
  try {
    const name = osUser();
    if (name) return name;
  } catch {
    // userInfo() throws when the uid has no passwd entry (an arbitrary uid in a container).
  }
  return env.USER || env.USERNAME || undefined;
}
