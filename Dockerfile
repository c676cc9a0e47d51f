# The Marginalia admin API (and the CLI beside it). How to run it: docs/deployment.md.
# Never built on the machine it was written on (no container engine there); see that document.

# better-sqlite3 12 compiles its native addon from source when no prebuilt binary can be
# downloaded, so both stages that install dependencies carry a toolchain.
FROM node:20-bookworm-slim AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

# Every dependency, then `npm run build`: dist/apps/admin-api and dist/apps/cli.
FROM toolchain AS build
RUN npm ci
COPY tsconfig.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

# The production dependencies only, compiled for the same base image as the runtime.
FROM toolchain AS production-dependencies
RUN npm ci --omit=dev

FROM node:20-bookworm-slim AS runtime
# DATA_DIR holds the read models, the process managers' state, the idempotency keys, the
# development signing secret and, with EVENT_STORE=sqlite, the event log itself.
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Read at run time: SEED_CORPUS imports ./corpus (CORPUS_DIR) on start.
COPY corpus ./corpus
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-old-space-size=160", "dist/apps/admin-api/apps/admin-api/src/main.js"]
