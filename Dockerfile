# One image for both the app and the worker service (docker-compose.yml picks the command).
# Built as root, run as the image's unprivileged `node` user, which owns nothing but its data folder.
FROM node:22-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY apps ./apps
COPY packages ./packages
COPY prisma ./prisma
COPY tooling ./tooling
RUN npm ci && npm run build -w @sift/web && mkdir -p /app/.data && chown node:node /app/.data
ENV NODE_ENV=production
USER node
EXPOSE 3000
CMD ["node", "apps/server/src/main.ts"]
