// `npm install` / `npm ci` build the project once (the README's first command starts the built
// service). `npx intake …` also runs this hook: npm links the project into its npx cache the first
// time and treats that as an install. Rebuilding then would rewrite dist/ under a running service
// and race with other commands, so a link made by npx (npm_command=exec) builds nothing.
import { spawnSync } from 'node:child_process';

if (process.env.npm_command !== 'exec') {
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
