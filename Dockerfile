# syntax=docker/dockerfile:1
# The Vitals sync server, serving the built PWA: docs/deployment.md. scripts/image-build.ts runs the COPY
# and `npm` RUN lines of this file without a Docker engine (CI), so keep every build step an `npm` command
# (and never one that touches npm's cache: there it would be the machine's). npm's cache is a BuildKit cache
# mount, so it never lands in a layer.

# --- build: every dependency, then the client into client/dist -------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Manifests first: the `npm ci` layer is reused until a dependency changes.
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY client/package.json client/
COPY sync-server/package.json sync-server/
COPY mobile-shell/package.json mobile-shell/
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json vite.config.ts ./
COPY shared shared
COPY client client
RUN npm run build

# --- runtime: production dependencies of the server (and shared), its source, the built client ---------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    DATA_DIR=/data \
    npm_config_update_notifier=false
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY client/package.json client/
COPY sync-server/package.json sync-server/
COPY mobile-shell/package.json mobile-shell/
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --workspace=@vitals/sync-server --no-audit --no-fund
COPY tsconfig.json ./
COPY shared shared
COPY sync-server sync-server
COPY --from=build /app/client/dist client/dist
# The embedded database (when DATABASE_URL is unset) and the VAPID keys live in DATA_DIR; backups in /backups.
RUN mkdir -p /data /backups && chown node:node /data /backups
USER node
VOLUME ["/data"]
EXPOSE 8787
# Readiness, not liveness: "healthy" means the database answers and is migrated (docker-compose waits on it).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/api/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node itself is PID 1 (not npm), so SIGTERM from `docker stop` reaches the server's graceful shutdown.
CMD ["node", "--import", "tsx", "sync-server/src/main.ts"]
