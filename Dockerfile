# Varde: build the runnable jar with Maven, run it on a JRE as a non-root user.
#   docker build -t varde .
#   docker run --rm -v "$PWD/rules:/app/rules:ro" -v varde-data:/app/data varde
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY bot/pom.xml bot/
# Dependencies first, so that source changes do not download them again.
RUN mvn -B -q -pl bot -am dependency:go-offline
COPY bot/src bot/src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system varde && useradd --system --gid varde --uid 10001 --home-dir /app varde
WORKDIR /app
COPY --from=build /src/bot/target/varde.jar /app/varde.jar
COPY rules /app/rules
RUN mkdir -p /app/data && chown varde:varde /app/data
USER varde
# Inside the container the web server (status page, API, /metrics, health, claims webhook) listens
# on every interface; publish the port on the host's loopback (-p 127.0.0.1:8080:8080) and put a
# TLS proxy in front.
ENV VARDE_RULES_DIR=/app/rules \
    VARDE_DATA_DIR=/app/data \
    VARDE_HTTP_BIND=0.0.0.0 \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-Xms32m -Xmx192m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
VOLUME ["/app/rules", "/app/data"]
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/varde.jar"]
CMD ["run"]
