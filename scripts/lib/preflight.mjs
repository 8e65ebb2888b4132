// Checks what `npm test` and `npm run demo` need from the machine, and says exactly how to fix
// what is missing. Installs node_modules itself when they are absent.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Socket } from 'node:net';
import { chromiumPath } from './chromium-path.mjs';

function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

export function ensureNodeModules(root) {
  if (
    existsSync(`${root}/node_modules/.package-lock.json`) &&
    existsSync(`${root}/node_modules/next`)
  )
    return;
  console.log('preflight: installing dependencies (npm install --no-audit --no-fund) ...');
  // `npm ci` rejects lockfiles written on this registry mirror; `npm install` keeps the locked versions.
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

export async function checkServices({
  databaseUrl,
  redisUrl,
  needChromium = false,
  needRedisServer = false,
}) {
  const problems = [];
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19))
    problems.push(`Node ${process.versions.node} is too old: install Node 20.19 or newer.`);
  const db = new URL(databaseUrl);
  if (!(await canConnect(db.hostname, Number(db.port || 5432)))) {
    problems.push(
      `PostgreSQL is not reachable at ${db.hostname}:${db.port || 5432}.\n` +
        '    Start it:  pg_ctlcluster --skip-systemctl-redirect 15 main start\n' +
        '    or point DATABASE_URL (in .env) at a running server.',
    );
  }
  if (redisUrl) {
    const redis = new URL(redisUrl);
    if (!(await canConnect(redis.hostname, Number(redis.port || 6379)))) {
      problems.push(
        `Redis is not reachable at ${redis.hostname}:${redis.port || 6379}.\n` +
          '    Start it:  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n' +
          '    or point REDIS_URL (in .env) at a running server.',
      );
    }
  }
  if (needRedisServer && spawnSync('redis-server', ['--version']).status !== 0) {
    problems.push(
      'redis-server is not on PATH (integration tests start private instances): apt-get install -y redis-server',
    );
  }
  if (needChromium && !chromiumPath()) {
    problems.push(
      process.env.CHROMIUM_PATH
        ? `Chromium is missing at ${process.env.CHROMIUM_PATH} (CHROMIUM_PATH, browser tests).`
        : `Chromium is missing (browser tests): apt-get install -y chromium-headless-shell (or chromium), or set CHROMIUM_PATH.`,
    );
  }
  return problems;
}
