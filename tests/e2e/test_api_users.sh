#!/usr/bin/env bash
# The accounts over the API, end to end on the demo zone and its demo accounts: the parks
# each role may pick from (GET /api/v1/parks); an administrator's changes (PATCH
# /api/v1/users/:name: display, role and scope, disable/enable, a reset) with every refusal
# (a non-admin 403, CSRF missing 403, bad JSON and bad fields 400 naming the field, an
# unknown user 404, the last administrator 409); a disabled user's session ending at once;
# a user's own password change (POST /api/v1/session/password: the other sessions end,
# this one stays; a wrong current password 403); an expired session (its expiry set into
# the past in the database file) answered 401 and swept by the next login; the audit log.
# Expected values come from the demo's register by SQL, not from the API.
source "$(dirname "$0")/lib.sh"
DB=$WORK/demo.db
pb demo --db "$DB" >/dev/null 2>&1

SRV=
trap '[ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$WORK"' EXIT
"$PB_BIN" serve --db "$DB" --listen 127.0.0.1:0 --threads 2 --access-log "$WORK/access.log" >"$WORK/out" 2>"$WORK/err" &
SRV=$!
for _ in $(seq 50); do [ -s "$WORK/out" ] && break; sleep 0.1; done
URL=$(head -n 1 "$WORK/out")
URL=${URL%/}

# call NAME JAR ARGS... - curl with JAR's cookies; body in $WORK/NAME.b; prints the status
call() {
  local name=$1 jar=$2; shift 2
  curl -s -o "$WORK/$name.b" -w '%{http_code}' -b "$WORK/$jar.jar" -c "$WORK/$jar.jar" "$@"
}
json() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$WORK/$1.b" "$2"; }
login() { # login JAR NAME PASSWORD - signs in, keeps the cookie; the CSRF token in $WORK/JAR.csrf
  local s
  s=$(call "login_$1" "$1" -H 'Content-Type: application/json' -d "{\"name\":\"$2\",\"password\":\"$3\"}" "$URL/api/v1/session")
  [ "$s" = 200 ] && json "login_$1" 'd["csrf"]' >"$WORK/$1.csrf"
  echo "$s"
}
# patch NAME JAR USER JSON - PATCH /api/v1/users/USER with JAR's CSRF token
patch() { call "$1" "$2" -X PATCH -H 'Content-Type: application/json' -H "X-CSRF-Token: $(cat "$WORK/$2.csrf")" -d "$4" "$URL/api/v1/users/$3"; }
# password NAME JAR JSON - POST /api/v1/session/password
password() { call "$1" "$2" -H 'Content-Type: application/json' -H "X-CSRF-Token: $(cat "$WORK/$2.csrf")" -d "$3" "$URL/api/v1/session/password"; }
err() { json "$1" 'd["error"]["code"] + " " + str(d["error"].get("field"))'; }
sessions() { q "$DB" "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.name = '$1'"; }
CJ=长江绿色创新产业园
CY=茶园工业园

# --- the parks each role may pick from
expect_eq "admin signs in" 200 "$(login admin admin Demo-admin-2026)"
expect_eq "admin: the parks" 200 "$(call parks admin "$URL/api/v1/parks")"
expect_eq "... every park of the zone" "$(q "$DB" 'SELECT count(*) FROM parks')" "$(json parks 'len(d["parks"])')"
expect_eq "... by id and name" "$(q "$DB" "SELECT id FROM parks WHERE name = '$CJ'")" "$(json parks '[p["id"] for p in d["parks"] if p["name"] == "'$CJ'"][0]')"
expect_eq "park operator signs in" 200 "$(login cj changjiang Demo-park-2026)"
expect_eq "park operator: the parks" 200 "$(call parksp cj "$URL/api/v1/parks")"
expect_eq "... its own only" "['$CJ']" "$(json parksp '[p["name"] for p in d["parks"]]')"
expect_eq "enterprise user signs in" 200 "$(login vivo vivo Demo-vivo-2026)"
expect_eq "enterprise user: no park" "200 0" "$(call parksv vivo "$URL/api/v1/parks") $(json parksv 'len(d["parks"])')"

# --- a new park user
expect_eq "admin adds zhao, a park user" 201 "$(call add admin -H 'Content-Type: application/json' -H "X-CSRF-Token: $(cat "$WORK/admin.csrf")" \
  -d "{\"name\":\"zhao\",\"display\":\"赵六\",\"role\":\"park\",\"parks\":[\"$CJ\"],\"password\":\"Zhao-pass-2026\"}" "$URL/api/v1/users")"
expect_eq "zhao signs in" 200 "$(login zhao zhao Zhao-pass-2026)"
expect_eq "... and sees its park's enterprises" "$(q "$DB" "SELECT count(*) FROM enterprises e JOIN parks p ON p.id = e.park_id WHERE p.name = '$CJ'")" \
  "$(call ents zhao "$URL/api/v1/enterprises?limit=1" >/dev/null; json ents 'd["total"]')"

# --- PATCH refused
expect_eq "a park operator may not change users: 403" 403 "$(patch p403 cj zhao '{"display":"x"}')"
expect_eq "... forbidden" "forbidden None" "$(err p403)"
expect_eq "without the CSRF token: 403" 403 "$(call pcsrf admin -X PATCH -H 'Content-Type: application/json' -d '{"display":"x"}' "$URL/api/v1/users/zhao")"
expect_eq "... csrf" "csrf None" "$(err pcsrf)"
expect_eq "without a session: 401" 401 "$(call panon nobody -X PATCH -H 'Content-Type: application/json' -d '{"display":"x"}' "$URL/api/v1/users/zhao")"
expect_eq "bad JSON: 400" 400 "$(patch pjson admin zhao '{"display":')"
expect_eq "... naming the body" "bad_request body" "$(err pjson)"
expect_eq "nothing to change: 400" "400 bad_request body" "$(patch pempty admin zhao '{}') $(err pempty)"
expect_eq "an unknown field: 400 naming it" "400 bad_request name" "$(patch punk admin zhao '{"name":"qian"}') $(err punk)"
expect_eq "a bad role: 400" "400 bad_request role" "$(patch prole admin zhao '{"role":"boss"}') $(err prole)"
expect_eq "disabled not a boolean: 400" "400 bad_request disabled" "$(patch pdis admin zhao '{"disabled":"yes"}') $(err pdis)"
expect_eq "an unknown park: 400" "400 bad_request parks" "$(patch ppark admin zhao '{"parks":["火星园区"]}') $(err ppark)"
expect_eq "... named" True "$(json ppark '"火星园区" in d["error"]["message"] and "火星园区" in d["error"]["message_en"]')"
expect_eq "a park user without parks: 400" "400 bad_request parks" "$(patch pnone admin zhao '{"parks":[]}') $(err pnone)"
expect_eq "an enterprise user without its enterprise: 400" "400 bad_request enterprise" "$(patch pent admin zhao '{"role":"enterprise"}') $(err pent)"
expect_eq "a weak password: 400" "400 bad_request password" "$(patch ppw admin zhao '{"password":"short"}') $(err ppw)"
expect_eq "a bad display: 400" "400 bad_request display" "$(patch pdisp admin zhao '{"display":7}') $(err pdisp)"
expect_eq "no such user: 404" "404 not_found name" "$(patch p404 admin nobody '{"display":"x"}') $(err p404)"
expect_eq "the last administrator may not be disabled: 409" "409 last_admin role" "$(patch plast admin admin '{"disabled":true}') $(err plast)"
expect_eq "... in both languages" "True True" "$(json plast '"最后一个" in d["error"]["message"], "last enabled administrator" in d["error"]["message_en"]' | tr -d '(),')"
expect_eq "... nor demoted: 409" 409 "$(patch plast2 admin admin '{"role":"viewer"}')"
expect_eq "... still an enabled admin" "admin|0" "$(q "$DB" "SELECT role, disabled FROM users WHERE name = 'admin'")"
expect_eq "nothing refused was written" "赵六|park|1" "$(q "$DB" "SELECT display, role, (SELECT count(*) FROM user_parks up WHERE up.user_id = u.id) FROM users u WHERE name = 'zhao'")"

# --- PATCH done
expect_eq "display and parks" 200 "$(patch pok admin zhao "{\"display\":\"赵六（园区）\",\"parks\":[\"$CJ\",\"$CY\"]}")"
expect_eq "... answered as the user now is" "赵六（园区） park ['$CY', '$CJ']" "$(json pok 'd["user"]["display"] + " " + d["user"]["role"] + " " + str(sorted(p["name"] for p in d["user"]["parks"]))')"
expect_eq "... zhao's session stays and has both parks" "200 2" "$(call me zhao "$URL/api/v1/session") $(json me 'len(d["user"]["parks"])')"
VIVO_USCC=$(q "$DB" "SELECT uscc FROM enterprises WHERE name LIKE '维沃%'")
expect_eq "to an enterprise user" 200 "$(patch pe admin zhao "{\"role\":\"enterprise\",\"enterprise\":\"$VIVO_USCC\"}")"
expect_eq "... its enterprise by USCC, no parks" "$VIVO_USCC 0" "$(json pe 'd["user"]["enterprise"]["uscc"] + " " + str(len(d["user"]["parks"]))')"
expect_eq "back to a park user" 200 "$(patch pp admin zhao "{\"role\":\"park\",\"parks\":[\"$CJ\"]}")"
expect_eq "... no enterprise" "None" "$(json pp 'd["user"]["enterprise"]')"

# --- disabled: the session ends at once, no new one
expect_eq "zhao has a session" 1 "$(sessions zhao)"
expect_eq "admin disables zhao" "200 True" "$(patch poff admin zhao '{"disabled":true}') $(json poff 'd["user"]["disabled"]')"
expect_eq "... its session ends: 401" "401 unauthorized None" "$(call me2 zhao "$URL/api/v1/enterprises") $(err me2)"
expect_eq "... the row is gone" 0 "$(sessions zhao)"
expect_eq "... it cannot sign in" 401 "$(login zhao zhao Zhao-pass-2026)"
expect_eq "admin enables zhao" "200 False" "$(patch pon admin zhao '{"disabled":false}') $(json pon 'd["user"]["disabled"]')"
expect_eq "... it signs in again" 200 "$(login zhao zhao Zhao-pass-2026)"

# --- an administrator's reset ends the user's sessions
expect_eq "admin resets zhao's password" 200 "$(patch preset admin zhao '{"password":"Reset-pass-2026"}')"
expect_eq "... zhao's session ends" 401 "$(call me3 zhao "$URL/api/v1/session")"
expect_eq "... the new password signs in" 200 "$(login zhao zhao Reset-pass-2026)"

# --- a user's own password
expect_eq "zhao signs in a second time" 200 "$(login zhao2 zhao Reset-pass-2026)"
expect_eq "without the CSRF token: 403" 403 "$(call own0 zhao -H 'Content-Type: application/json' -d '{"current":"Reset-pass-2026","new":"Own-pass-2026"}' "$URL/api/v1/session/password")"
expect_eq "without a session: 401" 401 "$(call own1 nobody -H 'Content-Type: application/json' -d '{"current":"Reset-pass-2026","new":"Own-pass-2026"}' "$URL/api/v1/session/password")"
expect_eq "bad JSON: 400" "400 bad_request body" "$(password own2 zhao '[1') $(err own2)"
expect_eq "the new one missing: 400" "400 bad_request new" "$(password own3 zhao '{"current":"Reset-pass-2026"}') $(err own3)"
expect_eq "a weak new one: 400" "400 bad_request new" "$(password own4 zhao '{"current":"Reset-pass-2026","new":"zhao"}') $(err own4)"
expect_eq "a wrong current one: 403" "403 wrong_password current" "$(password own5 zhao '{"current":"Wrong-pass-2026","new":"Own-pass-2026"}') $(err own5)"
# (with the disabled account's attempt above: two)
expect_eq "... counted as a failed login" 2 "$(q "$DB" "SELECT count(*) FROM login_attempts WHERE name = 'zhao' AND ok = 0")"
expect_eq "the right one: 200" 200 "$(password own6 zhao '{"current":"Reset-pass-2026","new":"Own-pass-2026"}')"
expect_eq "... this session stays" 200 "$(call me4 zhao "$URL/api/v1/session")"
expect_eq "... the other ends" 401 "$(call me5 zhao2 "$URL/api/v1/session")"
expect_eq "... one session left" 1 "$(sessions zhao)"
expect_eq "... the old password no more" 401 "$(login zhao3 zhao Reset-pass-2026)"
expect_eq "... the new one signs in" 200 "$(login zhao3 zhao Own-pass-2026)"

# --- an expired session: 401, and gone after the next login
expect_eq "leader signs in" 200 "$(login leader leader Demo-viewer-2026)"
sqlite3 "$DB" "UPDATE sessions SET created_at = 1000, expires_at = 2000 WHERE user_id = (SELECT id FROM users WHERE name = 'leader')"
expect_eq "its session expired: 401 unauthorized" "401 unauthorized" "$(call exp leader "$URL/api/v1/enterprises") $(json exp 'd["error"]["code"]')"
expect_eq "... also for its own page" 401 "$(call exp2 leader "$URL/api/v1/session")"
expect_eq "... the row is ignored until swept" 1 "$(sessions leader)"
expect_eq "another login" 200 "$(login analyst analyst Demo-analyst-2026)"
expect_eq "... sweeps it" 0 "$(sessions leader)"

# --- the audit log: who, what, from where
A="SELECT count(*) FROM audit_log WHERE user_name = 'admin' AND json_extract(detail, '$.name') = 'zhao' AND json_extract(detail, '$.ip') = '127.0.0.1' AND action ="
expect_eq "audited: the three updates" 3 "$(q "$DB" "$A 'user.update'")"
expect_eq "... the disable, ending one session" 1 "$(q "$DB" "$A 'user.disable' AND json_extract(detail, '$.sessions_ended') = 1")"
expect_eq "... the enable" 1 "$(q "$DB" "$A 'user.enable'")"
expect_eq "... the reset" 1 "$(q "$DB" "$A 'user.passwd'")"
expect_eq "... zhao's own change, by zhao" 1 "$(q "$DB" "SELECT count(*) FROM audit_log WHERE user_name = 'zhao' AND action = 'user.password' AND json_extract(detail, '$.sessions_ended') = 1 AND json_extract(detail, '$.ip') = '127.0.0.1'")"
expect_eq "... the wrong current password" 1 "$(q "$DB" "SELECT count(*) FROM audit_log WHERE action = 'user.password_failed'")"
expect_eq "... no password in it" 0 "$(q "$DB" "SELECT count(*) FROM audit_log WHERE detail LIKE '%-pass-2026%'")"
finish
