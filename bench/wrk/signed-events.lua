-- wrk script: POSTs pre-signed TaskRouter events, one per line of the file named in WRK_EVENTS
-- ("<X-Twilio-Signature>\t<form body>"). Thread i sends lines i, i+n, i+2n … so threads never repeat each other;
-- the file itself holds the 10 % repeats. Prints one RESULT line the benchmark parses.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  thread:set("count", 0)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  lines = {}
  local n = 0
  for line in io.lines(os.getenv("WRK_EVENTS")) do
    if n % counter_threads() == id then
      local tab = line:find("\t", 1, true)
      table.insert(lines, { line:sub(1, tab - 1), line:sub(tab + 1) })
    end
    n = n + 1
  end
  position = 0
  non2xx = 0
end

function counter_threads()
  return tonumber(os.getenv("WRK_THREADS"))
end

function request()
  position = position + 1
  count = position
  local item = lines[((position - 1) % #lines) + 1]
  return wrk.format("POST", "/webhooks/taskrouter/events",
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["X-Twilio-Signature"] = item[1] }, item[2])
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local sent, failed = {}, 0
  for _, t in ipairs(threads) do
    table.insert(sent, tostring(t:get("count")))
    failed = failed + (t:get("non2xx") or 0)
  end
  io.write(string.format("RESULT requests=%d seconds=%.3f p50=%.3f p99=%.3f non2xx=%d errors=%d sent=%s\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    failed, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(sent, ",")))
end
