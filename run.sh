#!/usr/bin/env bash
# Starts Portcullis on this machine: the identity provider and both demo apps, with the demo
# sign-ins, on the embedded database under ./data. Builds first when a jar is missing or stale.
# Ctrl-C stops them all. Needs only a JDK 17+ (Maven comes through ./mvnw).
#
#   ./run.sh                      IdP on :9000, portal on :8081, dashboard on :8082
#   ./run.sh --with-flask         also the Flask example app (examples/flask-app) on :8084; needs
#                                 Debian's python3-flask and python3-authlib (/usr/bin/python3)
#   ./run.sh --no-build           start the jars as they are, even when older than the sources
#   IDP_PORT=9100 ./run.sh        other ports (also PORTAL_PORT, DASHBOARD_PORT, FLASK_PORT)
#   SPRING_PROFILES_ACTIVE=...    profiles for the IdP and the Java apps (default: demo)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd)
VERSION=0.1.0-SNAPSHOT
IDP_PORT=${IDP_PORT:-9000}
PORTAL_PORT=${PORTAL_PORT:-8081}
DASHBOARD_PORT=${DASHBOARD_PORT:-8082}
FLASK_PORT=${FLASK_PORT:-8084}
PROFILES=${SPRING_PROFILES_ACTIVE:-demo}
DATA_DIR=${PORTCULLIS_DATA_DIR:-$ROOT/data}
LOG_DIR=$DATA_DIR/logs
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-120}
ISSUER=http://localhost:$IDP_PORT
JAVA_SERVICES="idp app-portal app-dashboard"
PYTHON=/usr/bin/python3

BUILD=true
WITH_FLASK=false
for arg in "$@"; do
  case $arg in
    --no-build) BUILD=false ;;
    --with-flask) WITH_FLASK=true ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) printf 'run.sh: unknown argument %s (try --help)\n' "$arg" >&2; exit 2 ;;
  esac
done

say() { printf '%s\n' "$*"; }
fail() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

# ---- the Flask example app: Debian's Python with Flask and Authlib ------------
SERVICES=$JAVA_SERVICES
if [[ $WITH_FLASK == true ]]; then
  if [[ ! -x $PYTHON ]] || ! "$PYTHON" -c 'import flask, authlib' 2>/dev/null; then
    fail "--with-flask needs $PYTHON with Flask and Authlib: sudo apt-get install python3-flask python3-authlib"
  fi
  SERVICES="$SERVICES flask-app"
fi

# ---- a JDK 17+ -------------------------------------------------------------
if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
  JAVA=$JAVA_HOME/bin/java
elif command -v java >/dev/null 2>&1; then
  JAVA=$(command -v java)
else
  fail "no Java found: install a JDK 17 or newer (or set JAVA_HOME)"
fi
java_major=$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1)
if [[ -z $java_major || $java_major -lt 17 ]]; then
  fail "$JAVA is Java ${java_major:-unknown}; Portcullis needs 17 or newer (set JAVA_HOME)"
fi

port_of() {
  case $1 in
    idp) echo "$IDP_PORT" ;;
    app-portal) echo "$PORTAL_PORT" ;;
    app-dashboard) echo "$DASHBOARD_PORT" ;;
    flask-app) echo "$FLASK_PORT" ;;
  esac
}
jar_of() { echo "$ROOT/$1/target/$1-$VERSION.jar"; }

# ---- ports must be free -----------------------------------------------------
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
taken=""
for name in $SERVICES; do
  port=$(port_of "$name")
  if port_taken "$port"; then
    taken="$taken\n  port $port ($name) is already in use"
  fi
done
if [[ -n $taken ]]; then
  printf 'run.sh: cannot start:%b\n' "$taken" >&2
  say "Is Portcullis already running (another ./run.sh)? Stop it, or choose other ports: IDP_PORT, PORTAL_PORT, DASHBOARD_PORT, FLASK_PORT." >&2
  exit 1
fi

# ---- build when needed ------------------------------------------------------
needs_build=""
for name in $JAVA_SERVICES; do
  jar=$(jar_of "$name")
  if [[ ! -f $jar ]]; then
    needs_build="$needs_build $name (no jar)"
  elif [[ $BUILD == true && -n $(find "$ROOT/pom.xml" "$ROOT/$name/pom.xml" "$ROOT/$name/src/main" \
      $([[ $name == app-* ]] && echo "$ROOT/client-starter/pom.xml $ROOT/client-starter/src/main") \
      -newer "$jar" -print -quit 2>/dev/null) ]]; then
    needs_build="$needs_build $name (sources changed)"
  fi
done
if [[ -n $needs_build ]]; then
  say "Building:$needs_build"
  # maven.test.skip: the tests are not even compiled; ./mvnw verify is the place for them.
  ./mvnw -q -Dmaven.test.skip=true package -pl idp,app-portal,app-dashboard -am \
    || fail "the build failed (see the Maven output above)"
fi

# ---- a class cache for a fast start (once per build) ------------------------
# Each jar is extracted (classes in nested jars load slowly) and started once for training, which
# records the classes it loads: a CDS archive on Java 17 to 24, an AOT cache on Java 25 and later.
# Starts then take about half as long (docs/performance.md). If anything fails, the jar starts plainly.
jvm_options_of() { # name: sets OPTIONS to its JVM settings, a bounded heap (deploy/jvm/, docs/performance.md)
  case $1 in
    idp) OPTIONS=(@"$ROOT/deploy/jvm/idp.options")
      # Java 25's own settings, which Java 17 refuses; the class cache is recorded with them too.
      if ((java_major >= 25)); then OPTIONS+=(@"$ROOT/deploy/jvm/idp-java25.options"); fi ;;
    *) OPTIONS=(@"$ROOT/deploy/jvm/app.options") ;;
  esac
}
fast_dir_of() { echo "$ROOT/$1/target/fast-start"; }
class_cache_of() {
  if ((java_major >= 25)); then echo "$(fast_dir_of "$1")/$1.aot"; else echo "$(fast_dir_of "$1")/$1.jsa"; fi
}
prepare_fast_start() { # name
  local name=$1 dir cache training record OPTIONS
  dir=$(fast_dir_of "$name")
  cache=$(class_cache_of "$name")
  jvm_options_of "$name"
  # Made anew when the jar or the JVM settings changed: a cache recorded with other settings is not used.
  local fresh=true option
  [[ -f $cache && $cache -nt $(jar_of "$name") ]] || fresh=false
  for option in "${OPTIONS[@]}"; do [[ $cache -nt ${option#@} ]] || fresh=false; done
  [[ $fresh == true ]] && return 0
  rm -rf "$dir"
  training=$(mktemp -d)
  if ((java_major >= 25)); then record=-XX:AOTCacheOutput=$cache; else record=-XX:ArchiveClassesAtExit=$cache; fi
  if ! { "$JAVA" -Djarmode=tools -jar "$(jar_of "$name")" extract --destination "$dir" \
      && (cd "$training" && env SERVER_PORT=0 SPRING_PROFILES_ACTIVE="$PROFILES" PORTCULLIS_DATA_DIR="$training" \
        PORTCULLIS_ADMIN_PASSWORD=training-start-only "$JAVA" "${OPTIONS[@]}" "$record" \
        -Dspring.context.exit=onRefresh -jar "$dir/$name-$VERSION.jar"); } >"$training.log" 2>&1; then
    say "  (could not prepare a fast start for $name, see $training.log; it starts plainly)"
    rm -rf "$dir"
  fi
  rm -rf "$training"
}
java_command_of() { # name: sets COMMAND to how to start it, from the class cache when there is one
  local name=$1 cache OPTIONS
  cache=$(class_cache_of "$name")
  jvm_options_of "$name"
  COMMAND=("$JAVA" "${OPTIONS[@]}")
  if [[ -f $cache ]]; then
    if ((java_major >= 25)); then COMMAND+=(-XX:AOTCache="$cache"); else COMMAND+=(-XX:SharedArchiveFile="$cache"); fi
    COMMAND+=(-jar "$(fast_dir_of "$name")/$name-$VERSION.jar")
  else
    COMMAND+=(-jar "$(jar_of "$name")")
  fi
}
say "Preparing fast starts (once per build)..."
for name in $JAVA_SERVICES; do prepare_fast_start "$name" & done
wait

# ---- start, and stop everything on the way out -----------------------------
mkdir -p "$LOG_DIR"
pid_of() { eval "echo \${PID_${1//-/_}:-}"; }

stop_all() {
  trap - INT TERM EXIT
  local name pid running="" waited=0
  for name in $SERVICES; do
    pid=$(pid_of "$name")
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      running="$running $name"
    fi
  done
  if [[ -n $running ]]; then
    say "Stopping:$running"
  fi
  for name in $SERVICES; do
    pid=$(pid_of "$name")
    [[ -n $pid ]] || continue
    while kill -0 "$pid" 2>/dev/null && [[ $waited -lt 30 ]]; do
      sleep 1
      waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name (pid $pid) did not stop in time; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
}
on_exit() {
  local status=$?
  stop_all
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start() { # name, then NAME=value environment for it
  local name=$1 log="$LOG_DIR/$1.log"
  shift
  : >"$log"
  java_command_of "$name"
  # Fewer malloc arenas: less memory for the same work (docs/performance.md).
  env MALLOC_ARENA_MAX=2 "$@" "${COMMAND[@]}" >>"$log" 2>&1 &
  eval "PID_${name//-/_}=$!"
}

start idp \
  SERVER_PORT="$IDP_PORT" SPRING_PROFILES_ACTIVE="$PROFILES" PORTCULLIS_ISSUER="$ISSUER" \
  PORTCULLIS_PORTAL_URL="http://localhost:$PORTAL_PORT" PORTCULLIS_DASHBOARD_URL="http://localhost:$DASHBOARD_PORT" \
  PORTCULLIS_FLASK_URL="http://localhost:$FLASK_PORT" PORTCULLIS_DATA_DIR="$DATA_DIR"
start app-portal \
  SERVER_PORT="$PORTAL_PORT" SPRING_PROFILES_ACTIVE="$PROFILES" PORTCULLIS_ISSUER="$ISSUER" \
  PORTCULLIS_OTHER_APP_URL="http://localhost:$DASHBOARD_PORT/" PORTCULLIS_DASHBOARD_API_URL="http://localhost:$DASHBOARD_PORT/api/me"
start app-dashboard \
  SERVER_PORT="$DASHBOARD_PORT" SPRING_PROFILES_ACTIVE="$PROFILES" PORTCULLIS_ISSUER="$ISSUER" \
  PORTCULLIS_OTHER_APP_URL="http://localhost:$PORTAL_PORT/" PORTCULLIS_PORTAL_API_URL="http://localhost:$PORTAL_PORT/api/me"
if [[ $WITH_FLASK == true ]]; then
  # The IdP's demo profile declares client "flask" with this published secret; outside demo, set FLASK_CLIENT_SECRET
  # (the app refuses to start without one). Its own directory, so it runs as its README shows.
  if [[ ,$PROFILES, == *,demo,* ]]; then flask_secret=${FLASK_CLIENT_SECRET:-flask-demo-secret}; else flask_secret=${FLASK_CLIENT_SECRET:-}; fi
  : >"$LOG_DIR/flask-app.log"
  (cd "$ROOT/examples/flask-app" && exec env PORT="$FLASK_PORT" FLASK_BASE_URL="http://localhost:$FLASK_PORT" \
    PORTCULLIS_ISSUER="$ISSUER" FLASK_CLIENT_SECRET="$flask_secret" PYTHONDONTWRITEBYTECODE=1 \
    PORTCULLIS_PORTAL_API_URL="http://localhost:$PORTAL_PORT/api/me" "$PYTHON" app.py) >>"$LOG_DIR/flask-app.log" 2>&1 &
  PID_flask_app=$!
fi
started_list=""
for name in $SERVICES; do started_list="$started_list, $name (pid $(pid_of "$name"))"; done
say "Starting ${started_list#, }; logs in ${LOG_DIR#"$ROOT"/}/"

healthy() { # port: answers /actuator/health with 200 and status UP
  local port=$1 answer="" line
  if command -v curl >/dev/null 2>&1; then
    answer=$(curl -fsS --max-time 3 "http://localhost:$port/actuator/health" 2>/dev/null) || return 1
    [[ $answer == *'"status":"UP"'* ]]
    return
  fi
  answer=$(
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf 'GET /actuator/health HTTP/1.0\r\nHost: localhost:%s\r\nConnection: close\r\n\r\n' "$port" >&3
    while IFS= read -r -t 3 line <&3 || [[ -n $line ]]; do printf '%s\n' "$line"; line=""; done
  ) 2>/dev/null || return 1
  [[ $answer == HTTP/1.?\ 200* && $answer == *'"status":"UP"'* ]]
}

explain_failure() { # name, reason
  local log="$LOG_DIR/$1.log"
  printf '\nrun.sh: %s %s\n--- last lines of %s ---\n' "$1" "$2" "${log#"$ROOT"/}" >&2
  tail -n 40 "$log" >&2 || true
  printf -- '---\n' >&2
}

# exits when a service dies: says which one and why; the EXIT trap stops the others
check_alive() {
  local name pid status
  for name in $SERVICES; do
    pid=$(pid_of "$name")
    if ! kill -0 "$pid" 2>/dev/null; then
      status=0
      wait "$pid" 2>/dev/null || status=$?
      explain_failure "$name" "stopped (exit status $status)"
      exit 1
    fi
  done
}

pending=$SERVICES
started=$(date +%s)
while [[ -n ${pending// /} ]]; do
  check_alive
  still=""
  for name in $pending; do
    if healthy "$(port_of "$name")"; then
      say "  $name is up ($(( $(date +%s) - started )) s)"
    else
      still="$still $name"
    fi
  done
  pending=$still
  if [[ -n ${pending// /} ]]; then
    if (( $(date +%s) - started >= HEALTH_TIMEOUT )); then
      for name in $pending; do
        explain_failure "$name" "did not answer http://localhost:$(port_of "$name")/actuator/health within ${HEALTH_TIMEOUT} s"
      done
      exit 1
    fi
    sleep 1
  fi
done

flask_line=""
if [[ $WITH_FLASK == true ]]; then flask_line=$'\n'"  Flask app          http://localhost:$FLASK_PORT/"; fi
cat <<EOF

Portcullis is running:
  Identity provider  $ISSUER
  Portal             http://localhost:$PORTAL_PORT/
  Dashboard          http://localhost:$DASHBOARD_PORT/$flask_line

Demo sign-ins (profile demo):
  alice / alice-password    Alice Liddell, user
  bob   / bob-password      Bob Builder, user
  admin / admin-password    administrator

Logs: ${LOG_DIR#"$ROOT"/}/{${SERVICES// /,}}.log    Data: ${DATA_DIR#"$ROOT"/}
Press Ctrl-C to stop them all.
EOF

while true; do
  check_alive
  sleep 2
done
