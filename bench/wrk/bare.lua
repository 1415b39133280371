-- wrk script: POSTs one small form to WRK_PATH (the app's bare endpoint, or a raw Kestrel baseline) and prints a
-- RESULT line like signed-events.lua's.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function request()
  return wrk.format("POST", os.getenv("WRK_PATH"), { ["Content-Type"] = "application/x-www-form-urlencoded" },
    "EventType=task.wrapup&TaskSid=WT00000000000000000000000000000001&TaskChannelUniqueName=voice")
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + (t:get("non2xx") or 0) end
  io.write(string.format("RESULT requests=%d seconds=%.3f p50=%.3f p99=%.3f non2xx=%d errors=%d sent=-\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    failed, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
