-- wrk script for keymint's token endpoint: POST client_credentials with HTTP Basic.
--
-- Environment:
--   BENCH_MODE    one     every request for BENCH_CLIENT_ID / BENCH_SECRET (default)
--                 range   a random client ID BENCH_PREFIX .. %07d of BENCH_FROM..BENCH_TO, with BENCH_SECRET
--                 unknown a random client ID that no key has
--   BENCH_LABEL   printed with the result line
--
-- done() prints one line that bench/run.sh parses:
--   RESULT label=.. requests=.. seconds=.. rate=.. p50_ms=.. p99_ms=.. non2xx=.. socket_errors=..

local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

local function base64(data)
  local out = {}
  for i = 1, #data, 3 do
    local a, b, c = data:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local c1 = math.floor(n / 262144) % 64
    local c2 = math.floor(n / 4096) % 64
    local c3 = math.floor(n / 64) % 64
    local c4 = n % 64
    out[#out + 1] = B64:sub(c1 + 1, c1 + 1) .. B64:sub(c2 + 1, c2 + 1)
      .. (b and B64:sub(c3 + 1, c3 + 1) or "=") .. (c and B64:sub(c4 + 1, c4 + 1) or "=")
  end
  return table.concat(out)
end

-- RFC 6749 2.3.1: ID and secret are form-urlencoded before they are joined
local function form(s)
  return (s:gsub("[^%w%-%._~]", function(ch) return string.format("%%%02X", ch:byte()) end))
end

local function basic(id, secret)
  return "Basic " .. base64(form(id) .. ":" .. form(secret))
end

local mode = os.getenv("BENCH_MODE") or "one"
local secret = os.getenv("BENCH_SECRET") or ""
local prefix = os.getenv("BENCH_PREFIX") or "kmc_bench_"
local from = tonumber(os.getenv("BENCH_FROM") or "1")
local to = tonumber(os.getenv("BENCH_TO") or "1")
local body = "grant_type=client_credentials"

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

-- one key: a fixed request that wrk builds once (no request() function, so no Lua per request)
if mode == "one" then
  wrk.headers["Authorization"] = basic(os.getenv("BENCH_CLIENT_ID") or "", secret)
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0) * 7919 + math.floor(os.clock() * 1000000))
end

local function varying()
  local client
  if mode == "range" then
    client = prefix .. string.format("%07d", math.random(from, to))
  else
    client = string.format("kmc_unknown_%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
  end
  return wrk.format(nil, nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = basic(client, secret),
  }, body)
end

if mode ~= "one" then
  request = varying
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT label=%s requests=%d seconds=%.2f rate=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    os.getenv("BENCH_LABEL") or mode, summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
