-- wrk script for scripts/bench-inbound: sends pre-signed webhook requests, each once.
--
-- Why not ../shared/bench/signed.lua: it loads and formats every body in `init`, and wrk runs
-- each thread's `init` on the main thread just before starting that thread; so thread 0 sends
-- alone (on half the connections, next to a core busy loading) for as long as thread 1's load
-- takes: 5-12 s here for 0.6-1.2 million bodies. wrk then divides every request, those
-- included, by the test's duration, which starts once the last thread has started: the figures
-- mix two loads and overstate the rate (a "10 s" run against the ceiling lasted 22 s and
-- reported 140,185/s; loaded as below, the same ceiling did 96,100/s).
--
-- Here the bench has already cut the bodies from ../shared/bench/make_bodies.py into one file per
-- thread (REQUESTS.0, REQUESTS.1, ...) of whole HTTP requests (as wrk.format writes them, with
-- "Host: 127.0.0.1", the same for both servers), each ending with a NUL byte. Each thread loads its own file on its own thread, at its first request
-- (wrk also calls request() once on the main thread, to check the script: that call gets a
-- request that is parsed, never sent, and loads nothing). The threads load side by side, wait for
-- each other (a file REQUESTS.loaded.T each; BENCH_THREADS says how many), and start sending
-- together; done() prints when ("sending started after S s"), for the bench to leave the load
-- out of the duration. Sending a request is a table lookup, as in signed.lua. A thread that runs
-- out of requests starts its file again (a body sent twice); done() says so ("thread T ran out of
-- requests"), and the bench fails if that happened to Shopchat.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *tp);
int getpid(void);
int gettid(void);
int usleep(unsigned int usec);
]]

local function now()
  local t = ffi.new("bench_timespec")
  ffi.C.clock_gettime(1, t) -- CLOCK_MONOTONIC
  return tonumber(t.tv_sec) + tonumber(t.tv_nsec) / 1e9
end

local counter = 0
local threads = {}
local created_at = nil
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  threads[counter] = thread
  created_at = now() -- the last thread is started right after its setup, then wrk's clock
end

local reqs = nil
local n = 0
local i = 0
wrapped = 0 -- globals: done() reads them from each thread
sending_from = nil

local function load()
  local prefix = os.getenv("REQUESTS") or error("set REQUESTS")
  local path = prefix .. "." .. tid
  local f = assert(io.open(path, "rb"))
  reqs = {}
  local rest = ""
  while true do
    local chunk = f:read(1048576)
    if not chunk then break end
    local data = rest .. chunk
    local from = 1
    while true do
      local nul = data:find("\0", from, true)
      if not nul then break end
      n = n + 1
      reqs[n] = data:sub(from, nul - 1)
      from = nul + 1
    end
    rest = data:sub(from)
  end
  f:close()
  assert(n > 0, "no requests in " .. path)
  -- Start together: each thread marks itself loaded, then waits for the others' marks.
  assert(io.open(prefix .. ".loaded." .. tid, "w")):close()
  local all = tonumber(os.getenv("BENCH_THREADS") or "") or error("set BENCH_THREADS")
  for t = 0, all - 1 do
    while true do
      local f = io.open(prefix .. ".loaded." .. t, "r")
      if f then f:close() break end
      ffi.C.usleep(1000)
    end
  end
  sending_from = now()
end

local CHECK = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

function request()
  if not reqs then
    if ffi.C.gettid() == ffi.C.getpid() then return CHECK end
    load()
  end
  i = i + 1
  if i > n then
    i = 1
    wrapped = wrapped + 1
  end
  return reqs[i]
end

function done(summary, latency, requests)
  local last = nil
  for _, thread in ipairs(threads) do
    local from = thread:get("sending_from")
    if from and (not last or from > last) then last = from end
    local times = thread:get("wrapped")
    if times and times > 0 then
      io.write(string.format("thread %d ran out of requests %d time(s)\n", thread:get("tid"), times))
    end
  end
  if last and created_at then
    io.write(string.format("sending started after %.3f s\n", math.max(0, last - created_at)))
  end
end
