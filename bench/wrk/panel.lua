-- Load for the panel API, for wrk (bench/serverload.py runs it).
-- Arguments after "--":  TOKEN                      GET the URL's path (TOKEN may be "": no auth)
--                        TOKEN ETAG BODY_A BODY_B   PUT the URL's path with If-Match, with the one
--                                                   of the two bodies (they differ in "phone") that
--                                                   differs from the value behind the ETag sent.
-- A PUT answered 200 carries the new ETag and the saved value; a 412 carries the current ones
-- (header, or "etag" in the problem body, and "current"): either way the thread's next PUT uses
-- them. So a 200 is always a real change: scripts/loadtest.py checks the change log against the
-- 200s (no lost write, no phantom one). 412s are an expected outcome with
-- many connections on one record and are counted apart from errors (5xx, anything else).
-- done() prints one line "BENCH_JSON {...}" that serverload.py reads.

local token, etag, bodies, phones, current_phone, sent = "", nil, {}, {}, nil, 0
n_ok, n_conflict, n_server_error, n_other = 0, 0, 0, 0
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

local function header(headers, name)
   for key, value in pairs(headers) do
      if string.lower(key) == name then return value end
   end
   return nil
end

local function phone_in(text)
   return text and string.match(text, '"phone"%s*:%s*"([^"]*)"')
end

local function put_request()
   sent = sent + 1
   local pick = sent % 2 + 1
   if current_phone == phones[pick] then pick = 3 - pick end
   wrk.headers["If-Match"] = etag
   return wrk.format(nil, nil, nil, bodies[pick])
end

local function put_response(status, headers, body)
   if status == 200 then
      n_ok = n_ok + 1
   elseif status == 412 then
      n_conflict = n_conflict + 1
   elseif status >= 500 then
      n_server_error = n_server_error + 1
   else
      n_other = n_other + 1
   end
   local current = header(headers, "etag")
   if not current and status == 412 and body then
      local raw = string.match(body, '"etag"%s*:%s*"(.-[^\\])"')
      current = raw and string.gsub(raw, '\\"', '"')
   end
   if current then
      etag = current
      current_phone = phone_in(body)
   end
end

function init(args)
   token = args[1] or ""
   if token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
   if args[2] then
      -- wrk only calls request()/response() when they exist: GETs stay on its fast path.
      etag, bodies = args[2], {args[3], args[4]}
      phones = {phone_in(args[3]), phone_in(args[4])}
      wrk.method = "PUT"
      wrk.headers["Content-Type"] = "application/json"
      request, response = put_request, put_response
   end
end

function done(summary, latency, requests)
   local ok, conflict, server_error, other = 0, 0, 0, 0
   for _, thread in ipairs(threads) do
      ok = ok + (thread:get("n_ok") or 0)
      conflict = conflict + (thread:get("n_conflict") or 0)
      server_error = server_error + (thread:get("n_server_error") or 0)
      other = other + (thread:get("n_other") or 0)
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %.0f, "p90_us": %.0f, ' ..
      '"p99_us": %.0f, "max_us": %.0f, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
      '"status": %d, "timeout": %d}, "put": {"ok": %d, "conflict": %d, "server_error": %d, ' ..
      '"other": %d}}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout,
      ok, conflict, server_error, other))
end
