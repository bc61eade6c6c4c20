# syntax=docker/dockerfile:1
# keymint image: built from this repository, runs as a non-root user, signing keys on a volume.
#   docker build -t keymint .
#   docker run -p 9000:9000 -v keymint-keys:/app/keys -e SPRING_DATASOURCE_URL=... keymint
# The tests are not run here: they start an embedded MariaDB and belong to CI (./mvnw verify).

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q dependency:go-offline
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q -DskipTests package \
    && cp target/keymint-*.jar /keymint.jar \
    && java -Djarmode=tools -jar /keymint.jar extract --layers --destination /extracted

FROM eclipse-temurin:25-jre
# curl for the container health check; nothing else is added to the base image
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system keymint \
    && useradd --system --gid keymint --home-dir /app --no-create-home --shell /usr/sbin/nologin keymint
WORKDIR /app
# one layer per rate of change: libraries rarely, the application on every build
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
COPY jvm.options ./
RUN mkdir -p /app/keys /app/data && chown keymint:keymint /app/keys /app/data && chmod 700 /app/keys
USER keymint
# JVM options for 2 cores and at most 300 MB resident (jvm.options, docs/operations.md "JVM options");
# JAVA_OPTS comes after them, so -e JAVA_OPTS=-Xmx512m overrides the heap of a larger deployment.
# Health and metrics answer without credentials, so they get a port of their own (9001), which
# is not exposed: publishing 9000 never publishes them (docs/operations.md, "Health")
ENV KEYMINT_SIGNING_KEYSDIRECTORY=/app/keys \
    KEYMINT_EMBEDDEDDATABASE_DIRECTORY=/app/data \
    MANAGEMENT_SERVER_PORT=9001 \
    MALLOC_ARENA_MAX=2 \
    JAVA_OPTS=""
# private signing keys: share this volume between instances and back it up
VOLUME ["/app/keys"]
EXPOSE 9000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:9001/actuator/health/readiness > /dev/null || exit 1
# arguments are passed to keymint: e.g. "rotate-signing-key" or "--server.port=9100"
ENTRYPOINT ["sh", "-c", "exec java @/app/jvm.options $JAVA_OPTS -jar /app/keymint.jar \"$@\"", "keymint"]
