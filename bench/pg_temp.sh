# pg_temp.sh - sourced by the bench scripts: a throwaway PostgreSQL cluster of Debian's
# server binaries, trust authentication for the user `bench`, listening only on a
# socket in its own folder (no TCP).
#   pg_temp_start DIR PORT [SETTING...]  initdb in DIR/data and start it (each SETTING
#                                        "name=value", as for postgres -c); sets PGD=DIR
#   pg_temp_stop                         stop it at once and remove DIR (for a trap)
# PGBIN is empty when no server is installed: the caller skips PostgreSQL then.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
PGD=""
# the server refuses to run as root
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_temp_start() {
  local dir=$1 port=$2 opts="" s
  shift 2
  for s in "$@"; do opts+=" -c $s"; done
  rm -rf "$dir"
  mkdir -p "$dir"
  chown postgres "$dir" 2>/dev/null || true
  PGD=$dir
  as_pg "$PGBIN/initdb" -D "$PGD/data" -A trust -U bench >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGD/data" -l "$PGD/log" -w start \
    -o "-p $port -k $PGD -c listen_addresses=''$opts" >/dev/null
}
pg_temp_stop() {
  if [ -n "$PGD" ] && [ -d "$PGD" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGD/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGD"
  fi
}
