# The local ClickHouse cluster, sourced by ./platform after stack.sh: 2 shards x 2 replicas of Debian's
# clickhouse-server and one Apache ZooKeeper (official jars from Maven Central), on loopback ports of their own beside
# the single-server stack, with every file under .stack/cluster. It is a test fixture: `cluster_up` starts what is not
# running (from empty data when nothing of it runs), `cluster_down` stops all of it and leaves no process behind.

CLUSTER_DIR="$STACK/cluster"
CLUSTER_NAME=appmetrics_cluster
ZOOKEEPER_LIBS="$STACK/zookeeper-libs"
ZOOKEEPER_PORT=2281
# Server i of CLUSTER_NODES (1-based) listens on HTTP 820i, native 920i and interserver 930i; s<shard>r<replica>.
CLUSTER_NODES=(s1r1 s1r2 s2r1 s2r2)

cluster_node_port() { # <node> <http|tcp|interserver>
  local i
  for i in "${!CLUSTER_NODES[@]}"; do
    if [[ "${CLUSTER_NODES[$i]}" == "$1" ]]; then
      case $2 in http) echo $((8201 + i)) ;; tcp) echo $((9201 + i)) ;; interserver) echo $((9301 + i)) ;; esac
      return
    fi
  done
  fail "no cluster node $1 (nodes: ${CLUSTER_NODES[*]})"
}

cluster_node_running() { curl -fsS "http://127.0.0.1:$(cluster_node_port "$1" http)/ping" >/dev/null 2>&1; }

zookeeper_running() { pid_alive cluster-zookeeper && zookeeper_serving; }

cluster_anything_running() {
  local node
  pid_alive cluster-zookeeper && return 0
  for node in "${CLUSTER_NODES[@]}"; do pid_alive "cluster-$node" && return 0; done
  return 1
}

zookeeper_libs() {
  [[ -f "$ZOOKEEPER_LIBS/.complete" ]] && return 0
  say "resolving the Apache ZooKeeper server jars from Maven Central"
  rm -rf "$ZOOKEEPER_LIBS"
  "$ROOT/mvnw" -q -B -ntp -f "$ROOT/scripts/zookeeper/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$ZOOKEEPER_LIBS" >"$LOGS/zookeeper-libs.log" 2>&1 || fail "ZooKeeper jars; see $LOGS/zookeeper-libs.log"
  touch "$ZOOKEEPER_LIBS/.complete"
}

zookeeper_start() {
  mkdir -p "$CLUSTER_DIR/zookeeper"
  # Standalone, from the command line: port, data folder, tick (ms). Sessions time out after 2-20 ticks.
  nohup java -Xms64m -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dzookeeper.admin.enableServer=false \
    -cp "$ZOOKEEPER_LIBS/*" org.apache.zookeeper.server.ZooKeeperServerMain "$ZOOKEEPER_PORT" \
    "$CLUSTER_DIR/zookeeper/data" 1000 >"$CLUSTER_DIR/zookeeper/zookeeper.log" 2>&1 &
  echo $! >"$RUN/cluster-zookeeper.pid"
  wait_until ZooKeeper "$CLUSTER_DIR/zookeeper/zookeeper.log" 60 zookeeper_ready
}

zookeeper_ready() {
  pid_alive cluster-zookeeper || fail "ZooKeeper exited; see $CLUSTER_DIR/zookeeper/zookeeper.log"
  zookeeper_serving
}

# The port opens before the server serves; "srvr" (a four-letter command allowed by default) answers only then.
zookeeper_serving() {
  local answer
  answer=$( (exec 3<>"/dev/tcp/127.0.0.1/$ZOOKEEPER_PORT" && printf srvr >&3 && timeout 2 cat <&3) 2>/dev/null) || return 1
  [[ "$answer" == *"Mode: standalone"* ]]
}

# The <shard> elements of remote_servers: the nodes in order, two replicas a shard.
cluster_shards_xml() {
  local i node
  for ((i = 0; i < ${#CLUSTER_NODES[@]}; i += 2)); do
    printf '      <shard>\n        <internal_replication>true</internal_replication>\n'
    for node in "${CLUSTER_NODES[@]:i:2}"; do
      printf '        <replica><host>127.0.0.1</host><port>%s</port></replica>\n' "$(cluster_node_port "$node" tcp)"
    done
    printf '      </shard>\n'
  done
}

cluster_node_start() {
  local node=$1 dir="$CLUSTER_DIR/$1"
  mkdir -p "$dir/data"
  local shards; shards=$(cluster_shards_xml)
  SHARDS="$shards" awk '{ if ($0 == "@SHARDS@") print ENVIRON["SHARDS"]; else print }' \
    "$ROOT/scripts/clickhouse/cluster-node.xml" | sed \
    -e "s|@DIR@|$dir|g" -e "s|@ROOT@|$ROOT|g" -e "s|@ZOOKEEPER_PORT@|$ZOOKEEPER_PORT|g" \
    -e "s|@HTTP_PORT@|$(cluster_node_port "$node" http)|g" -e "s|@TCP_PORT@|$(cluster_node_port "$node" tcp)|g" \
    -e "s|@INTERSERVER_PORT@|$(cluster_node_port "$node" interserver)|g" \
    -e "s|@SHARD@|0${node:1:1}|g" -e "s|@REPLICA@|$node|g" >"$dir/config.xml"
  # A server killed between writing a part and recording it in ZooKeeper refuses to start when such parts are a large
  # share of a table (a small table: one part). They were never acknowledged; this flag, read once at start-up, has
  # them detached and the table's parts fetched from the other replica, as ClickHouse's manual prescribes.
  mkdir -p "$dir/data/flags" && touch "$dir/data/flags/force_restore_data"
  nohup clickhouse-server --config-file="$dir/config.xml" >"$dir/stdout.log" 2>&1 &
  echo $! >"$RUN/cluster-$node.pid"
}

cluster_node_ready() {
  pid_alive "cluster-$1" || fail "ClickHouse $1 exited; see $CLUSTER_DIR/$1/server.err.log"
  cluster_node_running "$1"
}

cluster_up() {
  mkdir -p "$RUN" "$LOGS"
  zookeeper_libs
  if ! cluster_anything_running; then
    rm -rf "$CLUSTER_DIR"   # a new cluster each time: no ZooKeeper path or table survives from an earlier run
  fi
  mkdir -p "$CLUSTER_DIR"
  zookeeper_running || zookeeper_start
  local node started=()
  for node in "${CLUSTER_NODES[@]}"; do
    cluster_node_running "$node" || { cluster_node_start "$node"; started+=("$node"); }
  done
  for node in "${started[@]}"; do
    wait_until "ClickHouse $node" "$CLUSTER_DIR/$node/server.err.log" 60 cluster_node_ready "$node"
  done
  say "ClickHouse cluster $CLUSTER_NAME ready: HTTP 127.0.0.1:$(cluster_node_port s1r1 http)-$(cluster_node_port s2r2 http) (${CLUSTER_NODES[*]}), ZooKeeper 127.0.0.1:$ZOOKEEPER_PORT"
}

cluster_down() {
  local node
  # All four shut down at once; stop_pid then waits for each (and kills one that takes over 30 s).
  for node in "${CLUSTER_NODES[@]}"; do
    if pid_alive "cluster-$node"; then kill "$(cat "$RUN/cluster-$node.pid")" 2>/dev/null || true; fi
  done
  for node in "${CLUSTER_NODES[@]}"; do stop_pid "cluster-$node"; done
  stop_pid cluster-zookeeper
  say "ClickHouse cluster stopped"
}

cluster_status() {
  local node state
  for node in "${CLUSTER_NODES[@]}"; do
    if cluster_node_running "$node"; then state="running on :$(cluster_node_port "$node" http)"; else state=stopped; fi
    printf '%-20s %s\n' "cluster $node" "$state"
  done
  if zookeeper_running; then state="running on :$ZOOKEEPER_PORT"; else state=stopped; fi
  printf '%-20s %s\n' "cluster zookeeper" "$state"
}
