#!/usr/bin/env bash
# Load figures for the IdP: starts the packaged IdP on a spare port with a throwaway database, the demo users and
# three benchmark clients, runs bench/Bench.java against it, and stops it.
#
#   bench/run.sh                    every operation: 5 s warm-up, 10 s measured each (about 2.5 minutes)
#   bench/run.sh --quick            1 s warm-up, 2 s measured: a smoke run (exits 1 if any operation had errors)
#   bench/run.sh --only=sso-hop,refresh     a subset; sso-hop/4 picks one concurrency
#   bench/run.sh --growth           the single sign-on hop at 1, 100 and 1,000 live sessions of one person
#   more: --warmup=S --duration=S --concurrency=16 --flow-concurrency=4 --sessions=1,100,1000
#
# Environment: BENCH_JAR (default idp/target/idp-0.1.0-SNAPSHOT.jar, built if missing), BENCH_PORT (19500),
# BENCH_JAVA_OPTS (the IdP's JVM options), JAVA_HOME.
# The machine is shared: compare ops/s as ratios within one run; CPU ms/op is the steadier figure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT=${BENCH_PORT:-19500}
JAR=${BENCH_JAR:-idp/target/idp-0.1.0-SNAPSHOT.jar}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
read -ra JAVA_OPTS <<<"${BENCH_JAVA_OPTS:-}"
BASE=http://localhost:$PORT

[[ -f $JAR ]] || ./mvnw -q -DskipTests package -pl idp -am
# A leftover IdP on the port would answer the health check and be measured instead of ours.
if curl -s -o /dev/null "$BASE/actuator/health"; then
  echo "port $PORT is already in use; set BENCH_PORT" >&2
  exit 1
fi

WORK=$(mktemp -d)
cat >"$WORK/bench.yml" <<'YML'
spring.security.oauth2.authorizationserver.client:
  bench:
    registration:
      client-id: bench
      client-secret: bench-secret
      client-authentication-methods: [client_secret_basic]
      authorization-grant-types: [client_credentials]
      scopes: [bench.read]
  bench-a:
    registration:
      client-id: bench-a
      client-secret: bench-a-secret
      client-authentication-methods: [client_secret_basic]
      authorization-grant-types: [authorization_code, refresh_token]
      redirect-uris: ["http://127.0.0.1:1/cb"]
      scopes: [openid, profile]
    require-authorization-consent: false
  bench-b:
    registration:
      client-id: bench-b
      client-secret: bench-b-secret
      client-authentication-methods: [client_secret_basic]
      authorization-grant-types: [authorization_code, refresh_token]
      redirect-uris: ["http://127.0.0.1:1/cb"]
      scopes: [openid, profile]
    require-authorization-consent: false
# Puts the readiness state into /actuator/health, so UP comes after the start-up runners (declared clients, demo
# users), not before them as it otherwise would.
management.endpoint.health.probes.enabled: true
YML
# TODO(grant growth): seed 10k / 1M stored grants here, before the IdP starts (its H2 file is not shared while it
# runs); Bench.java has the matching hook in growth().

# The tree may have moved on since the jar was built: say both.
echo "# $(date -u +%FT%TZ) tree=$(git describe --always --dirty 2>/dev/null || echo '?')" \
  "jar=$JAR (built $(date -u -r "$JAR" +%FT%TZ)) BENCH_JAVA_OPTS='${BENCH_JAVA_OPTS:-}' cores=$(nproc) args='$*'"
START=$(date +%s%N)
SERVER_PORT=$PORT PORTCULLIS_ISSUER=$BASE PORTCULLIS_DATA_DIR=$WORK SPRING_PROFILES_ACTIVE=demo \
  SPRING_CONFIG_ADDITIONAL_LOCATION=file:$WORK/bench.yml \
  "$JAVA" "${JAVA_OPTS[@]}" -jar "$JAR" >"$WORK/idp.log" 2>&1 &
PID=$!
stop() {
  kill "$PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap stop EXIT

READY_MS=
for _ in $(seq 1 1200); do # 0.1 s steps, two minutes at most
  if curl -s "$BASE/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
    READY_MS=$((($(date +%s%N) - START) / 1000000))
    break
  fi
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
if [[ -z $READY_MS ]]; then
  echo "the IdP did not become ready; the end of its log:" >&2
  tail -40 "$WORK/idp.log" >&2
  exit 1
fi

status=0
"$JAVA" bench/Bench.java --base="$BASE" --pid="$PID" --clk-tck="$(getconf CLK_TCK)" \
  --ready-ms="$READY_MS" "$@" || status=$?
if ((status != 0)); then
  echo "bench exited with $status; the end of the IdP's log:" >&2
  tail -20 "$WORK/idp.log" >&2
fi
exit $status
