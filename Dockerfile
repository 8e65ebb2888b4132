# Waybill: one image, four processes (web, ingest receiver, worker, the operator CLI), started with
# plain `node`.
# The steps live in scripts/image.mjs, which the production-install test runs too (no Docker
# daemon on the build machines). Node 24 LTS; the code also runs on Node 20.
#   docker build -t waybill .
#   docker compose up   (compose.yaml: PostgreSQL, Redis, migrate, web, receiver, worker)

FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY . .
# npm install, not npm ci: the lock file is written where some platforms' optional packages are
# missing, and npm ci then calls it out of sync;
# then `npm run build`: standalone Next + dist/
RUN node scripts/image.mjs build
# the runtime folder: built files, migrations, production-only dependencies
RUN node scripts/image.mjs assemble /app

FROM node:24-bookworm-slim
# KEEP_ALIVE_TIMEOUT: idle keep-alive of the web server, longer than a load balancer's (60 s)
ENV NODE_ENV=production \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    KEEP_ALIVE_TIMEOUT=65000
# A larger young generation: web, receiver and worker allocate a short-lived object graph per
# request or call, and 16 MB semi-spaces made the worker scavenge often (about a tenth of its CPU).
# Measured with the 0 ms drain of `npm run bench`: about +15 % (docs/performance.md). The suites and
# the bench start worker and receiver with the same flag (test/support/entry-command.ts).
ENV NODE_OPTIONS=--max-semi-space-size=64
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
# 3000 the web app; 3100 the ingest receiver (RECEIVER_PORT, with RECEIVER_HOST=0.0.0.0)
EXPOSE 3000 3100
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health?probe=live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# web by default; the receiver is `node dist/receiver.mjs`, the worker `node dist/worker.mjs`, the
# CLI `node dist/waybill.mjs <command>`
CMD ["node", "web/server.js"]
