#!/usr/bin/env bash
# parkbrain user add/passwd/list: parks by name, the enterprise by USCC, unknown ones
# named, the password from stdin, the rules enforced, nothing written when refused.
source "$(dirname "$0")/lib.sh"
DB=$WORK/u.db
pb demo --db "$DB" >/dev/null
uscc=$(q "$DB" "SELECT uscc FROM enterprises WHERE name = '维沃移动通信（重庆）有限公司'")
echo "Good-pass-2026" | pb user add zhang --db "$DB" --role park --park 长江绿色创新产业园 --display 张三 >/dev/null \
  && ok "add park user" || fail "add park user"
echo "Good-pass-2026" | pb user add firm2 --db "$DB" --role enterprise --enterprise "$uscc" --password-stdin >/dev/null \
  && ok "add enterprise user" || fail "add enterprise user"
set +e
err=$(echo "Good-pass-2026" | pb user add li --db "$DB" --role park --park 火星园区 2>&1); rc=$?
expect_eq "unknown park refused" 1 "$rc"
case "$err" in *火星园区*) ok "unknown park named";; *) fail "unknown park: $err";; esac
err=$(echo "Good-pass-2026" | pb user add li --db "$DB" --role enterprise --enterprise 91500108314159022D 2>&1); rc=$?
expect_eq "unknown enterprise refused" 1 "$rc"
case "$err" in *91500108314159022D*) ok "unknown enterprise named";; *) fail "unknown enterprise: $err";; esac
echo "short" | pb user add li --db "$DB" --role viewer 2>/dev/null; expect_eq "weak password refused" 1 $?
echo "Good-pass-2026" | pb user add zhang --db "$DB" --role viewer 2>/dev/null; expect_eq "duplicate refused" 1 $?
pb user add li --db "$DB" --role boss </dev/null 2>/dev/null; expect_eq "bad role is a usage error" 2 $?
set -e
expect_eq "users" 7 "$(q "$DB" 'SELECT count(*) FROM users')"
echo "Newer-pass-2026" | pb user passwd zhang --db "$DB" >/dev/null && ok "passwd" || fail "passwd"
set +e
echo "Newer-pass-2026" | pb user passwd nobody --db "$DB" 2>/dev/null; expect_eq "passwd unknown" 1 $?
set -e
expect_eq "audited" 3 "$(q "$DB" "SELECT count(*) FROM audit_log WHERE action IN ('user.add', 'user.passwd') AND json_extract(detail, '$.name') IN ('zhang', 'firm2')")"
out=$(pb user list --db "$DB")
case "$out" in *zhang*长江绿色创新产业园*) ok "list";; *) fail "list: $out";; esac
expect_eq "list --json" "park" "$(pb user list --db "$DB" --json | python3 -c 'import json,sys; print([u["role"] for u in json.load(sys.stdin) if u["name"] == "zhang"][0])')"
finish
