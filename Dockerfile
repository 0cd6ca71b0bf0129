# One image for both the app and the worker service (docker-compose.yml picks the command).
FROM node:22-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY apps ./apps
COPY packages ./packages
COPY prisma ./prisma
COPY tooling ./tooling
RUN npm ci && npm run build -w @sift/web
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "apps/server/src/main.ts"]
