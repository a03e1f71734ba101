#!/usr/bin/env bash
# Local Neo4j Community 5.26 (embedded, Bolt on 127.0.0.1) for coopgraph development and tests.
# Needs only JDK 17 and Maven; the first build downloads the Neo4j jars (~160 MB) into ~/.m2.
#
#   neo4j.sh build                      compile the launcher if pom.xml/source changed
#   neo4j.sh start --data DIR [--port N] [--password P]
#                                       start in the background (default port 7687; password
#                                       defaults to $NEO4J_PASSWORD; none = auth disabled),
#                                       print bolt://127.0.0.1:PORT once Bolt accepts connections
#   neo4j.sh stop --data DIR            stop it cleanly (SIGTERM; SIGKILL after 60 s)
#   neo4j.sh with [--data DIR] [--port N] [--password P] -- CMD [ARGS...]
#                                       run CMD with NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD set
#                                       for a Neo4j started just for it (default: temporary data
#                                       dir, free port, random password), always stopped after;
#                                       exits with CMD's exit code
#
# Environment: NEO4J_HEAP (default 1g), NEO4J_PAGECACHE (default 256m), NEO4J_JAVA_OPTS (extra
# JVM options), NEO4J_START_TIMEOUT (120 s), NEO4J_STOP_TIMEOUT (60 s).
# Files in DIR: neo4j.pid, neo4j.ready (the URI), launcher.log (stdout/stderr), logs/ (Neo4j's).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$HERE/src/main/java/coopgraph/launcher/Neo4jLauncher.java"
CLASS="$HERE/target/classes/coopgraph/launcher/Neo4jLauncher.class"
CPFILE="$HERE/target/classpath.txt"
HEAP="${NEO4J_HEAP:-1g}"
PAGECACHE="${NEO4J_PAGECACHE:-256m}"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-120}"
STOP_TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"

log() { echo "neo4j.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# Seconds since the bash clock reading $1 ($EPOCHREALTIME), to a tenth: "3.2s".
took() {
    local now=${EPOCHREALTIME/[.,]/} then=${1/[.,]/}
    local ms=$(((now - then) / 1000))
    echo "$((ms / 1000)).$((ms % 1000 / 100))s"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The launcher's one-line reason for a failed start ("neo4j-launcher: ..."),
# the last such line of the log, or nothing.
launcher_reason() { grep '^neo4j-launcher: ' "$1" 2>/dev/null | tail -n 1 | sed 's/^neo4j-launcher: //'; }

needs_build() {
    [[ -f $CLASS && -s $CPFILE ]] || return 0
    [[ $HERE/pom.xml -nt $CPFILE || $SRC -nt $CLASS ]] && return 0
    # A classpath pointing at jars no longer in ~/.m2 is as good as none.
    local jar
    while IFS= read -r -d : jar; do [[ -e $jar ]] || return 0; done < <(tr -d '\n' <"$CPFILE"; echo :)
    return 1
}

cmd_build() {
    needs_build || return 0
    command -v mvn >/dev/null || die "mvn not found: Maven 3.8+ and JDK 17 are needed"
    mkdir -p "$HERE/target"
    (
        # Parallel callers (e.g. several `with` runs) must not run Maven on one target/ at once.
        flock 9
        needs_build || exit 0
        log "building the Neo4j launcher with Maven (the first time downloads ~160 MB of jars into ~/.m2, a minute or more)..."
        local t0=$EPOCHREALTIME
        # Maven 3.8 prints colour codes even with -q, so its output is kept for failures only.
        if ! mvn -B -q -f "$HERE/pom.xml" compile dependency:build-classpath >"$HERE/target/build.log" 2>&1; then
            cat "$HERE/target/build.log" >&2
            die "maven build failed (log: $HERE/target/build.log)"
        fi
        touch "$CPFILE" "$CLASS"
        log "launcher built ($(took "$t0"))"
    ) 9>"$HERE/target/.build.lock"
}

# True while PID is a running launcher. The cmdline check guards against a reused pid and treats
# an exited-but-unreaped (zombie) JVM as gone: its cmdline is empty, and a slow init can leave
# it around for seconds after Neo4j has finished shutting down.
is_launcher() {
    kill -0 "$1" 2>/dev/null &&
        tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'coopgraph.launcher.Neo4jLauncher'
}

# Prints the pid of the launcher owning DIR if it is running.
live_pid() {
    local pid
    pid="$(cat "$1/neo4j.pid" 2>/dev/null)" || return 1
    [[ $pid =~ ^[0-9]+$ ]] && is_launcher "$pid" || return 1
    echo "$pid"
}

# Parses --data/--port/--password into DATA/PORT/PASSWORD; leaves the rest in REST.
parse_opts() {
    REST=()
    while (($#)); do
        case "$1" in
            --data) [[ $# -ge 2 ]] || die "--data needs a value"; DATA="$2"; shift 2 ;;
            --port) [[ $# -ge 2 ]] || die "--port needs a value"; PORT="$2"; shift 2 ;;
            --password) [[ $# -ge 2 ]] || die "--password needs a value"; PASSWORD="$2"; shift 2 ;;
            --) REST=("$@"); return ;;
            *) die "unknown argument: $1 (see $0 header)" ;;
        esac
    done
}

# Starts Neo4j for DATA/PORT/PASSWORD and sets URI; dies with the log tail on failure.
start_neo4j() {
    mkdir -p "$DATA"
    DATA="$(cd "$DATA" && pwd)"
    local pidfile="$DATA/neo4j.pid" ready="$DATA/neo4j.ready" logfile="$DATA/launcher.log" pid
    if pid="$(live_pid "$DATA")"; then
        URI="$(cat "$ready" 2>/dev/null || true)"
        log "already running (pid $pid${URI:+, $URI}); settings of this call are ignored"
        return 0
    fi
    [[ $PORT =~ ^[0-9]+$ ]] || die "--port must be a number, got '$PORT'"
    # Checked before the JVM starts: Neo4j's own report is a long stack trace.
    if ((PORT != 0)) && port_in_use "$PORT"; then
        die "port $PORT is in use (another Neo4j? make neo4j-stop stops the one make neo4j started): set NEO4J_PORT to a free port, e.g. NEO4J_PORT=7688 make run"
    fi
    cmd_build
    local t0=$EPOCHREALTIME
    rm -f "$pidfile" "$ready"
    local -a jvm=(-Xmx"$HEAP" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow
        -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
        -Dlog4j2.disable.jmx=true
        # Without these Neo4j falls back to slower page-cache and file-advice code paths.
        --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED)
    # shellcheck disable=SC2206 # NEO4J_JAVA_OPTS is a space-separated option list on purpose
    [[ -n ${NEO4J_JAVA_OPTS:-} ]] && jvm+=(${NEO4J_JAVA_OPTS})
    echo "=== $(date '+%F %T') start port=$PORT heap=$HEAP pagecache=$PAGECACHE" >>"$logfile"
    # setsid: own session, so a Ctrl-C meant for make or for `with`'s command does not hit Neo4j
    # (it is stopped by `stop` or by `with`'s cleanup instead). The password travels in the
    # environment, not argv, so it does not show in ps.
    NEO4J_PASSWORD="$PASSWORD" nohup setsid java "${jvm[@]}" \
        -cp "$HERE/target/classes:$(cat "$CPFILE")" coopgraph.launcher.Neo4jLauncher \
        --data "$DATA" --port "$PORT" --pagecache "$PAGECACHE" --ready-file "$ready" \
        </dev/null >>"$logfile" 2>&1 &
    pid=$!
    echo "$pid" >"$pidfile"
    log "starting Neo4j (port $PORT, data $DATA)..."
    local deadline=$((SECONDS + START_TIMEOUT))
    until [[ -s $ready ]]; do
        # kill -0, not is_launcher: right after the fork the child's cmdline is still this
        # script's, and bash reaps its own children so no zombie lingers here.
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$pidfile"
            local why
            why="$(launcher_reason "$logfile")"
            # The launcher's one line says what to change; the stack trace stays in the log.
            [[ -n $why ]] && die "Neo4j did not start: $why (log: $logfile)"
            tail -n 30 "$logfile" >&2
            die "Neo4j exited during startup (log: $logfile, Neo4j logs: $DATA/logs/)"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 30 "$logfile" >&2
            stop_neo4j
            die "Neo4j was not ready after ${START_TIMEOUT}s (log: $logfile)"
        fi
        sleep 0.2
    done
    URI="$(cat "$ready")"
    STARTED_IN="$(took "$t0")"
}

stop_neo4j() {
    local pid
    if ! pid="$(live_pid "$DATA")"; then
        rm -f "$DATA/neo4j.pid" "$DATA/neo4j.ready"
        log "not running (data $DATA)"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while is_launcher "$pid"; do
        if ((SECONDS >= deadline)); then
            log "WARNING: Neo4j (pid $pid) still running ${STOP_TIMEOUT}s after SIGTERM; sending SIGKILL (next start will run recovery)"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.1
    done
    rm -f "$DATA/neo4j.pid" "$DATA/neo4j.ready"
    log "stopped (data $DATA)"
}

cmd_start() {
    DATA="" PORT=7687 PASSWORD="${NEO4J_PASSWORD:-}"
    parse_opts "$@"
    [[ ${#REST[@]} -eq 0 ]] || die "start: unexpected arguments: ${REST[*]}"
    [[ -n $DATA ]] || die "start: --data DIR is required"
    start_neo4j
    [[ -n $STARTED_IN ]] && log "Neo4j ready at $URI (started in $STARTED_IN)"
    echo "$URI"
}

cmd_stop() {
    DATA=""
    parse_opts "$@"
    [[ ${#REST[@]} -eq 0 ]] || die "stop: unexpected arguments: ${REST[*]}"
    [[ -n $DATA ]] || die "stop: --data DIR is required"
    [[ -d $DATA ]] || { log "not running (no $DATA)"; return 0; }
    DATA="$(cd "$DATA" && pwd)"
    stop_neo4j
}

CREATED_DATA="" CMD_RUNNING="" STARTED="" STARTED_IN=""
with_cleanup() {
    local rc=$?
    trap '' INT TERM # a second Ctrl-C must not cut the cleanup short
    # Only a Neo4j that got as far as a live process needs stopping (not one refused a busy port).
    if [[ -n $STARTED ]] && live_pid "$DATA" >/dev/null; then stop_neo4j || true; fi
    if [[ -n $CREATED_DATA ]]; then rm -rf "$CREATED_DATA"; fi
    exit "$rc"
}
with_signal() {
    # While CMD runs it receives the terminal's SIGINT itself; bash runs this only after CMD
    # has exited, and its exit code is the one to keep. Before that, abort the startup.
    [[ -n $CMD_RUNNING ]] || exit "$1"
}

cmd_with() {
    DATA="" PORT=0 PASSWORD=""
    parse_opts "$@"
    [[ ${#REST[@]} -ge 2 && ${REST[0]} == -- ]] || die "with: usage: with [--data DIR] [--port N] [--password P] -- CMD [ARGS...]"
    local -a cmd=("${REST[@]:1}")
    [[ -n $PASSWORD ]] || PASSWORD="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    trap with_cleanup EXIT
    trap 'with_signal 130' INT
    trap 'with_signal 143' TERM
    if [[ -z $DATA ]]; then
        DATA="$(mktemp -d "${TMPDIR:-/tmp}/coopgraph-neo4j.XXXXXX")"
        CREATED_DATA="$DATA"
    fi
    # Its password and lifetime would not be ours to export or to end.
    if [[ -d $DATA ]] && live_pid "$(cd "$DATA" && pwd)" >/dev/null; then
        die "with: Neo4j is already running on $DATA; stop it first or use its URI directly"
    fi
    STARTED=1 # set before starting, so a Ctrl-C during startup still stops it
    start_neo4j
    log "Neo4j ready at $URI (data $DATA; started in $STARTED_IN)"
    export NEO4J_URI="$URI" NEO4J_USER=neo4j NEO4J_PASSWORD="$PASSWORD"
    local rc=0
    CMD_RUNNING=1
    "${cmd[@]}" || rc=$?
    CMD_RUNNING=""
    exit "$rc"
}

case "${1:-}" in
    build) shift; [[ $# -eq 0 ]] || die "build takes no arguments"; cmd_build ;;
    start) shift; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    with) shift; cmd_with "$@" ;;
    *) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
