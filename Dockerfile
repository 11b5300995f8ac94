# Siaga: production-like image. Multi-stage: dependencies are installed in a build stage, and the
# runtime stage holds only the production dependencies and the sources, running as a non-root user.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    SIAGA_DATA_DIR=/var/lib/siaga \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
RUN groupadd --system siaga && useradd --system --gid siaga --home /app siaga \
 && mkdir -p /var/lib/siaga && chown siaga:siaga /var/lib/siaga
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY geo ./geo
COPY jobs ./jobs
COPY migrations ./migrations
COPY fixtures ./fixtures
USER siaga
EXPOSE 8080
VOLUME ["/var/lib/siaga"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]
