# One image for both roles; docker-compose.yml picks the role per service (ROLE=api or worker).
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json vite.config.ts ./
COPY src ./src
# The web app (web/) calls the API through the typed client (client/); the build writes it to dist/web.
COPY client ./client
COPY web ./web
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 3000 3001
# Liveness of either role: the api answers on PORT, a worker (ROLE=worker) on WORKER_HTTP_PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "const worker = process.env.ROLE === 'worker'; const port = worker ? process.env.WORKER_HTTP_PORT || 3001 : process.env.PORT || 3000; fetch('http://127.0.0.1:' + port + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));"]
CMD ["node", "dist/main.js"]
