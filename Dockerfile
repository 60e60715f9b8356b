# The application image: the Quarkus fast-jar that `mvn -B package -DskipTests` leaves in
# target/quarkus-app (build that first; .dockerignore sends only it). One image for every
# instance; what differs between deployments is environment (docs/DEPLOYMENT.md).
#
#   mvn -B package -DskipTests && docker build -t vosportal:latest .
#   docker run ... vosportal:latest            # serves (8080 public, 9000 health and metrics)
#   docker run ... vosportal:latest check      # the consistency check, exit 0/1
FROM eclipse-temurin:17-jre

RUN useradd --system --uid 185 --gid 0 --home-dir /app --no-create-home vospace \
    && mkdir -p /app /data && chown 185:0 /app /data && chmod 770 /data

WORKDIR /app
# layers from the least to the most often changed
COPY --chown=185:0 target/quarkus-app/lib/ /app/lib/
COPY --chown=185:0 target/quarkus-app/quarkus/ /app/quarkus/
COPY --chown=185:0 target/quarkus-app/app/ /app/app/
COPY --chown=185:0 target/quarkus-app/quarkus-run.jar /app/

USER 185
# listen on every interface (the default is loopback); the data directory holds, with PostgreSQL
# and S3, only per-instance things: the preview cache, the upload spool, preauth.key when
# VOSPACE_SERVICE_PREAUTH_SECRET is unset (set it when running several instances)
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    VOSPACE_SERVICE_DATA_DIR=/data \
    VOSPACE_MANAGEMENT_PORT=9000 \
    MALLOC_ARENA_MAX=2 \
    JAVA_OPTS="-XX:MaxRAMPercentage=50 -XX:MaxDirectMemorySize=512m"
EXPOSE 8080 9000
VOLUME /data

# -Djdk.nio.maxCachedBufferSize must be on the command line (deploy/README.md, "Memory")
ENTRYPOINT ["sh", "-c", "exec java -Djdk.nio.maxCachedBufferSize=262144 $JAVA_OPTS -jar /app/quarkus-run.jar \"$@\"", "--"]
