# The ucship service for docker-compose: workers, the webhook HTTP server and the ingest schedule,
# talking to the Temporal server named by TEMPORAL_ADDRESS (no embedded dev server in a container).
FROM node:20-bookworm-slim
WORKDIR /app
ENV UCSHIP_SKIP_TOOLS=1 NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
EXPOSE 3000
CMD ["node", "bin/ucship.js", "start"]
