-- http_wrk.lua - wrk's script for bench/run_http.sh.
--
-- Environment:
--   PB_COOKIE  the Cookie header to send (parkbrain's session; empty for nginx)
--   PB_PATHS   optional: paths separated by spaces, requested round-robin by each
--              connection (the soak); without it, the URL's own path only
-- At the end one line "PBJSON {...}": requests, seconds, requests/s, latency p50/p99/max
-- in microseconds, and the errors: HTTP statuses >= 400 (wrk's count) and socket errors
-- (connect, read, write, timeout), for run_http.sh to parse instead of wrk's text.

local cookie = os.getenv("PB_COOKIE") or ""
if cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
wrk.headers["Accept"] = "application/json"

local paths = {}
for p in string.gmatch(os.getenv("PB_PATHS") or "", "%S+") do
  paths[#paths + 1] = p
end

if #paths > 0 then
  -- each thread formats its requests once; request() only picks the next one
  local reqs, i = {}, 0
  init = function(args)
    for k, p in ipairs(paths) do
      reqs[k] = wrk.format("GET", p)
    end
  end
  request = function()
    i = i % #reqs + 1
    return reqs[i]
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  local s = summary.duration / 1e6
  io.write(string.format(
    'PBJSON {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"status_errors":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"bytes":%d}\n',
    summary.requests, s, summary.requests / s, latency:percentile(50), latency:percentile(99),
    latency.max, e.status, e.connect, e.read, e.write, e.timeout, summary.bytes))
end
