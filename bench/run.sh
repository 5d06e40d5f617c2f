#!/usr/bin/env bash
# Load figures for the IdP: starts the packaged IdP on a spare port with a throwaway database, the demo users and
# three benchmark clients, runs bench/Bench.java against it, and stops it.
#
#   bench/run.sh                    every operation: 5 s warm-up (up to 25 while the JIT is busy), 10 s measured
#                                   each (about 4 minutes)
#   bench/run.sh --quick            1 s warm-up, 2 s measured: a smoke run (exits 1 if any operation had errors)
#   bench/run.sh --only=sso-hop,refresh     a subset; sso-hop/4 picks one concurrency
#   bench/run.sh --growth           the single sign-on hop at 1, 100 and 1,000 live sessions of one person
#   bench/run.sh --grants=10000     the token side (client-credentials, introspection, refresh, sso-hop/4) with the
#                                   grants the IdP made itself, then again after seeding 10,000 stored grants
#   bench/run.sh --grants=10000,1000000 --postgres     the same at 10 thousand, then 1 million (about 6 minutes)
#   --postgres                      any of the above on the local PostgreSQL (127.0.0.1:5432, user postgres, trust
#                                   auth, database test) in a schema of its own, dropped at exit; exits 2 if absent
#   bench/run.sh --vs=OTHER.jar --only=introspection     A/B: this IdP (A) and another build (B) up at once, each
#                                   operation in alternating measured windows (5 rounds, --rounds=N), B's median CPU
#                                   per operation as a ratio to A's: the comparison that holds on a shared machine
#   more: --warmup=S --duration=S --concurrency=16 --flow-concurrency=4 --sessions=1,100,1000
#
# Grants are seeded with one INSERT ... SELECT, not through HTTP, as live grants of alice at app bench-a, topped up
# to each size in turn; "grants stored" also counts the ones the benchmark made (one per client-credentials token).
# The IdP is restarted for every size, the baseline too: H2's file is locked while it runs, and on PostgreSQL, where
# it could stay up, a baseline on a cold JIT beside later sizes on a warm one made the grants look cheaper (CPU
# ms/op halved from the baseline to 10,000 grants in a short run).
#
# Environment: BENCH_JAR (default idp/target/idp-0.1.0-SNAPSHOT.jar, built if missing), BENCH_PORT (19500),
# BENCH_JAVA_OPTS (the IdP's JVM options; default @deploy/jvm/idp.options, and idp-java25.options on Java 25 and
# later, as run.sh), JAVA_HOME, MALLOC_ARENA_MAX (2, as run.sh and the Dockerfiles). BENCH_JAR may be an extracted
# jar (java -Djarmode=tools extract), with a class cache in BENCH_JAVA_OPTS. With --vs, BENCH_VS_JAVA_OPTS are B's
# JVM options (default: A's; a class cache is per jar) and B listens on BENCH_PORT + 1.
# The machine is shared: compare ops/s as ratios within one run; CPU ms/op is the steadier figure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT=${BENCH_PORT:-19500}
JAR=${BENCH_JAR:-idp/target/idp-0.1.0-SNAPSHOT.jar}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# What run.sh and the Dockerfiles use, unless told otherwise: on Java 25 and later also its own settings.
DEFAULT_OPTS=@deploy/jvm/idp.options
if (("$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1)" >= 25)); then
  DEFAULT_OPTS="$DEFAULT_OPTS @deploy/jvm/idp-java25.options"
fi
read -ra JAVA_OPTS <<<"${BENCH_JAVA_OPTS-$DEFAULT_OPTS}"
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX-2}
BASE=http://localhost:$PORT

# --grants, --postgres and --vs are this script's; everything else goes to Bench.java.
GRANTS= POSTGRES= VS_JAR= BENCH_ARGS=()
for arg in "$@"; do
  case $arg in
    --grants=*) GRANTS=${arg#--grants=} ;;
    --postgres) POSTGRES=1 ;;
    --vs=*) VS_JAR=${arg#--vs=} ;;
    *) BENCH_ARGS+=("$arg") ;;
  esac
done
if [[ -n $VS_JAR ]]; then
  [[ -f $VS_JAR ]] || { echo "--vs: no jar at $VS_JAR" >&2; exit 1; }
  if [[ -n $GRANTS || -n $POSTGRES || " ${BENCH_ARGS[*]} " == *" --growth "* ]]; then
    echo "--vs compares the operations on the embedded database, not growth or grant sizes" >&2
    exit 1
  fi
  read -ra VS_JAVA_OPTS <<<"${BENCH_VS_JAVA_OPTS-${JAVA_OPTS[*]}}"
fi
if [[ -n $GRANTS ]]; then
  # ascending, because each size is reached by adding rows to the previous one
  if ! [[ $GRANTS =~ ^[0-9]+(,[0-9]+)*$ ]] || [[ $(tr , '\n' <<<"$GRANTS" | sort -nc 2>&1) ]]; then
    echo "--grants takes ascending counts, e.g. --grants=10000,1000000" >&2
    exit 1
  fi
  if [[ " ${BENCH_ARGS[*]} " == *" --growth "* ]]; then
    echo "--grants and --growth are separate runs" >&2
    exit 1
  fi
fi

psql_() {
  PGOPTIONS="-c search_path=${SCHEMA:-public} -c client_min_messages=warning" \
    psql -X -h 127.0.0.1 -p 5432 -U postgres -d test -v ON_ERROR_STOP=1 -qtA "$@"
}
if [[ -n $POSTGRES ]] && ! PGCONNECT_TIMEOUT=3 psql_ -c 'SELECT 1' >/dev/null 2>&1; then
  echo "PostgreSQL is not reachable at 127.0.0.1:5432 (user postgres, database test); start it or leave out --postgres" >&2
  exit 2
fi

[[ -f $JAR ]] || ./mvnw -q -DskipTests package -pl idp -am
# A leftover IdP on the port would answer the health check and be measured instead of ours.
for port in $PORT ${VS_JAR:+$((PORT + 1))}; do
  if curl -s -o /dev/null "http://localhost:$port/actuator/health"; then
    echo "port $port is already in use; set BENCH_PORT" >&2
    exit 1
  fi
done

WORK=$(mktemp -d)
PID= VS_PID= SCHEMA=
stop() { # pid
  [[ -n $1 ]] || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
stop_idp() {
  stop "$PID"
  PID=
}
cleanup() {
  stop_idp
  stop "$VS_PID"
  if [[ -n $SCHEMA ]]; then psql_ -c "DROP SCHEMA $SCHEMA CASCADE" >/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

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
# The benchmark signs the same person in from one address many times at once: attempts are reserved before
# the password is hashed, so more at once than the limits would be refused. It measures sign-in, not the throttle.
portcullis.login-throttle:
  account-failures: 1000000
  address-failures: 1000000
# Bench.java reads the IdP's own count of its password hashing's CPU from /actuator/prometheus, to tell a sign-in's
# hash from the rest of its work; without a management port that needs the public one (loopback only, here).
portcullis.metrics.public-port: true
YML

PROFILES=demo
if [[ -n $POSTGRES ]]; then
  SCHEMA=bench_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
  psql_ -c "CREATE SCHEMA $SCHEMA" >/dev/null # Flyway migrates it at the first start
  PROFILES=postgres,demo
  export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA"
  export SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
fi

launch() { # port data-dir jar java-options...: starts an IdP, sets STARTED (its pid) and READY_MS
  local port=$1 data=$2 jar=$3 start
  shift 3
  start=$(date +%s%N)
  SERVER_PORT=$port PORTCULLIS_ISSUER=http://localhost:$port PORTCULLIS_DATA_DIR=$data \
    SPRING_PROFILES_ACTIVE=$PROFILES SPRING_CONFIG_ADDITIONAL_LOCATION=file:$WORK/bench.yml \
    "$JAVA" "$@" -jar "$jar" >>"$data/idp.log" 2>&1 &
  STARTED=$!
  READY_MS=
  for _ in $(seq 1 1200); do # 0.1 s steps, two minutes at most
    if curl -s "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      READY_MS=$((($(date +%s%N) - start) / 1000000))
      return
    fi
    kill -0 "$STARTED" 2>/dev/null || break
    sleep 0.1
  done
  echo "the IdP ($jar) did not become ready; the end of its log:" >&2
  tail -40 "$data/idp.log" >&2
  stop "$STARTED" # not yet PID or VS_PID, which the exit's cleanup stops
  exit 1
}
start_idp() {
  launch "$PORT" "$WORK" "$JAR" "${JAVA_OPTS[@]}"
  PID=$STARTED
}

status=0
# The IdP's classes and libraries, for Bench.java to time the password hash alone: from the fat jar, or an
# extracted one (its classes in the jar, its libraries in lib/ beside it).
if unzip -l "$JAR" 'BOOT-INF/classes/*' >/dev/null 2>&1; then
  unzip -q "$JAR" 'BOOT-INF/classes/*' 'BOOT-INF/lib/*' -d "$WORK/app"
  HASH_CLASSPATH="$WORK/app/BOOT-INF/classes:$WORK/app/BOOT-INF/lib/*"
else
  HASH_CLASSPATH="$JAR:$(dirname "$JAR")/lib/*"
fi

bench() {
  local rc=0
  "$JAVA" bench/Bench.java --base="$BASE" --pid="$PID" --clk-tck="$(getconf CLK_TCK)" \
    --ready-ms="$READY_MS" --hash-classpath="$HASH_CLASSPATH" "$@" || rc=$?
  if ((rc != 0)); then
    echo "bench exited with $rc; the end of the IdP's log:" >&2
    tail -20 "$WORK/idp.log" >&2
    status=$rc
  fi
}

# The tree may have moved on since the jar was built: say both.
echo "# $(date -u +%FT%TZ) tree=$(git describe --always --dirty 2>/dev/null || echo '?')" \
  "jar=$JAR (built $(date -u -r "$JAR" +%FT%TZ)) java_opts='${JAVA_OPTS[*]}' cores=$(nproc) args='$*'${SCHEMA:+ schema=$SCHEMA}"
if [[ -n $VS_JAR ]]; then # B first, so that A's start-to-ready and RSS at ready are read as in a plain run
  mkdir "$WORK/vs"
  echo "# B: jar=$VS_JAR (built $(date -u -r "$VS_JAR" +%FT%TZ)) java_opts='${VS_JAVA_OPTS[*]}'"
  launch $((PORT + 1)) "$WORK/vs" "$VS_JAR" "${VS_JAVA_OPTS[@]}"
  VS_PID=$STARTED
  echo "# B ready in $(awk -v ms="$READY_MS" 'BEGIN { printf "%.1f", ms / 1000 }') s"
  BENCH_ARGS+=(--vs-base=http://localhost:$((PORT + 1)) --vs-pid="$VS_PID")
fi
start_idp # the first start also migrates the schema and makes the demo data

if [[ -z $GRANTS ]]; then
  bench "${BENCH_ARGS[@]}"
  exit $status
fi

# ---- grant growth: SQL for both databases; only the row source and the random functions differ ----
if [[ -n $POSTGRES ]]; then
  ROWS=generate_series RANDOM_HEX="encode(sha256(gen_random_uuid()::text::bytea), 'hex')" UUID='gen_random_uuid()'
else
  ROWS=SYSTEM_RANGE RANDOM_HEX="RAWTOHEX(HASH('SHA-256', RANDOM_UUID()::varchar))" UUID='RANDOM_UUID()'
  # From the fat jar, or beside an extracted one (java -Djarmode=tools extract puts its jars in lib/).
  if compgen -G "$(dirname "$JAR")/lib/h2-*.jar" >/dev/null; then
    cp "$(dirname "$JAR")"/lib/h2-*.jar "$WORK"/
  else
    unzip -q -j "$JAR" 'BOOT-INF/lib/h2-*.jar' -d "$WORK"
  fi
  H2_JAR=$(echo "$WORK"/h2-*.jar)
fi

# $1 more live grants of alice at bench-a, as the IdP writes them after a code exchange: the hash columns its
# lookups use, and the lifetimes of its tokens (code and access token 5 minutes, ID token 30, refresh token 1 hour).
# The token values, metadata and attributes stay empty: only the hashes are ever looked up, and nothing reads a
# seeded row. The scalar subqueries fail the insert (NOT NULL) if the client or the user were missing.
seed_sql() {
  cat <<SQL
INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,
  authorized_scopes, authorization_code_issued_at, authorization_code_expires_at, access_token_issued_at,
  access_token_expires_at, access_token_type, access_token_scopes, oidc_id_token_issued_at, oidc_id_token_expires_at,
  refresh_token_issued_at, refresh_token_expires_at, authorization_code_hash, access_token_hash, oidc_id_token_hash,
  refresh_token_hash, expires_at, sid)
SELECT $UUID::varchar, (SELECT id FROM oauth2_registered_client WHERE client_id = 'bench-a'),
  (SELECT id FROM users WHERE username = 'alice'), 'authorization_code', 'openid,profile',
  CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '5' MINUTE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '5' MINUTE,
  'Bearer', 'openid,profile', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '30' MINUTE,
  CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '1' HOUR, $RANDOM_HEX, $RANDOM_HEX, $RANDOM_HEX, $RANDOM_HEX,
  CURRENT_TIMESTAMP + INTERVAL '1' HOUR, LEFT($RANDOM_HEX, 43)
FROM $ROWS(1, $1)
SQL
}

# One statement's result, one value a line. H2's Shell goes on after an error and exits 0: look for it.
sql() {
  if [[ -n $POSTGRES ]]; then
    psql_ -c "$1"
  else
    local out
    out=$("$JAVA" -cp "$H2_JAR" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/portcullis" -user sa -sql "$1")
    if grep -q '^Error:' <<<"$out"; then
      echo "$out" >&2
      exit 1
    fi
    sed -n '2,/^(/p' <<<"$out" | sed '$d' # between the column name and "(n rows, t ms)"
  fi
}

since() { awk -v from="$1" -v now="$(date +%s%N)" 'BEGIN { printf "%.1f", (now - from) / 1e9 }'; }

seeded=0
for size in 0 ${GRANTS//,/ }; do # 0: the baseline, with only the grants the IdP made itself
  echo
  stop_idp
  if ((size > seeded)); then
    t0=$(date +%s%N)
    sql "$(seed_sql $((size - seeded)))" >/dev/null
    took=$(since "$t0")
    if [[ -n $POSTGRES ]]; then
      t0=$(date +%s%N)
      sql "ANALYZE oauth2_authorization" >/dev/null # the planner's figures would still say "a few rows"
      took="$took s, ANALYZE $(since "$t0")"
    fi
    echo "# seeded $((size - seeded)) more grants ($size in all) in $took s"
    seeded=$size
  fi
  stored=$(sql "SELECT COUNT(*) FROM oauth2_authorization")
  start_idp
  bench --grants-stored="$stored" "${BENCH_ARGS[@]}"
done
exit $status
