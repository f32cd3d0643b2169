# The ucship service for docker-compose: workers, the webhook HTTP server and the ingest schedule, talking to the
# Temporal server named by TEMPORAL_ADDRESS (no embedded dev server in a container: no .tools/ either).
FROM node:20-bookworm-slim
WORKDIR /app
# HTTP_HOST: every interface, so webhooks and /healthz reach the server from outside the container.
ENV UCSHIP_SKIP_TOOLS=1 NODE_ENV=production HTTP_HOST=0.0.0.0 HTTP_PORT=3000 DATA_DIR=/app/.data
COPY package.json package-lock.json ./
COPY scripts/install-tools.js scripts/
RUN npm ci --no-audit --no-fund --omit=dev
COPY . .
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/ucship.js", "start"]
