-- make bench-peer's wrk script: POSTs the JSON body in the file named after
-- "--" (wrk ... URL -- BODY.json) and prints one line at the end:
--   wrk-result {"requests": N, "duration_us": D, "p50_us": X, "p99_us": Y, ...}
local req

function init(args)
  local f = assert(io.open(args[1], "rb"))
  local body = f:read("*a")
  f:close()
  req = wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

function request()
  return req
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'wrk-result {"requests": %d, "duration_us": %d, "p50_us": %.1f, "p99_us": %.1f, "status_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
