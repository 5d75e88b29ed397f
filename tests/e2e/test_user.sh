#!/usr/bin/env bash
# parkbrain user add/passwd/set/disable/enable/list: parks by name, the enterprise by USCC,
# unknown ones named, the password from stdin, the rules enforced (the last administrator
# kept), nothing written when refused.
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
# set, disable, enable
pb user set zhang --db "$DB" --display 张三（园区） --park 长江绿色创新产业园 --park 茶园工业园 >/dev/null && ok "set" || fail "set"
expect_eq "... two parks" 2 "$(q "$DB" "SELECT count(*) FROM user_parks WHERE user_id = (SELECT id FROM users WHERE name = 'zhang')")"
pb user disable zhang --db "$DB" --user 管理员 >/dev/null && ok "disable" || fail "disable"
expect_eq "... disabled, audited with who" "1|1" "$(q "$DB" "SELECT disabled, (SELECT count(*) FROM audit_log WHERE action = 'user.disable' AND user_name = '管理员') FROM users WHERE name = 'zhang'")"
pb user enable zhang --db "$DB" >/dev/null && ok "enable" || fail "enable"
expect_eq "... enabled" 0 "$(q "$DB" "SELECT disabled FROM users WHERE name = 'zhang'")"
set +e
err=$(pb user disable admin --db "$DB" 2>&1); rc=$?
expect_eq "the last admin cannot be disabled" 1 "$rc"
case "$err" in *最后一个启用的管理员*"last enabled administrator"*) ok "... said in both languages";; *) fail "last admin: $err";; esac
pb user set admin --db "$DB" --role viewer 2>/dev/null; expect_eq "... nor demoted" 1 $?
pb user set zhang --db "$DB" --role enterprise 2>/dev/null; expect_eq "an enterprise user needs its enterprise" 1 $?
pb user set zhang --db "$DB" --park 火星园区 2>/dev/null; expect_eq "an unknown park" 1 $?
pb user set zhang --db "$DB" 2>/dev/null; expect_eq "nothing to change is a usage error" 2 $?
pb user disable nobody --db "$DB" 2>/dev/null; expect_eq "disable unknown" 1 $?
set -e
expect_eq "... the refused wrote nothing" "admin|0|park" "$(q "$DB" "SELECT (SELECT role FROM users WHERE name = 'admin'), (SELECT disabled FROM users WHERE name = 'admin'), (SELECT role FROM users WHERE name = 'zhang')")"
out=$(pb user list --db "$DB")
case "$out" in *zhang*长江绿色创新产业园*) ok "list";; *) fail "list: $out";; esac
expect_eq "list --json" "park" "$(pb user list --db "$DB" --json | python3 -c 'import json,sys; print([u["role"] for u in json.load(sys.stdin) if u["name"] == "zhang"][0])')"
finish
