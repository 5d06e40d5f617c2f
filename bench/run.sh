#!/usr/bin/env bash
# Load figures for the IdP's hot endpoints: starts the packaged IdP on a spare port with a throwaway
# database and one client_credentials client, runs bench/TokenLoad.java against it, stops it.
#   bench/run.sh [concurrency=16] [seconds=10]
# Compare the figures as ratios within one run (discovery is the baseline): the machine is shared.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT=${BENCH_PORT:-19500}
JAR=idp/target/idp-0.1.0-SNAPSHOT.jar
[[ -f $JAR ]] || ./mvnw -q -DskipTests package -pl idp -am
WORK=$(mktemp -d)
cat >"$WORK/bench.yml" <<YML
spring.security.oauth2.authorizationserver.client.bench:
  registration:
    client-id: bench
    client-secret: bench-secret
    client-authentication-methods: [client_secret_basic]
    authorization-grant-types: [client_credentials]
    scopes: [bench.read]
YML
SERVER_PORT=$PORT PORTCULLIS_ISSUER=http://localhost:$PORT PORTCULLIS_DATA_DIR=$WORK \
  PORTCULLIS_ADMIN_PASSWORD=bench-admin-password SPRING_CONFIG_ADDITIONAL_LOCATION=file:$WORK/bench.yml \
  java -jar "$JAR" >"$WORK/idp.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 90); do
  curl -sf "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 $PID 2>/dev/null || { tail -30 "$WORK/idp.log"; exit 1; }
  sleep 1
done
java bench/TokenLoad.java "http://localhost:$PORT" "${1:-16}" "${2:-10}"
