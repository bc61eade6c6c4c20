# Sourced by bench/run.sh, bench/profile.sh and bench/auth-timing.sh. The benchmarks send
# thousands of requests per second from one address, far beyond keymint's default per-source
# limits (docs/security.md, "Rate limits"). rate_limits on|off sets RATE_LIMIT_SIDE to its
# argument and RATE_LIMIT_ARGS to keymint's arguments for it: the limiter on, so that its cost is
# part of every request, with token budgets out of reach (a billion per 1,000 s: the fastest
# refill a budget takes, one per microsecond); or no limiter installed at all.
rate_limits() {
  RATE_LIMIT_SIDE=$1
  case "$1" in
    on) RATE_LIMIT_ARGS=(--keymint.rate-limit.enabled=true
          --keymint.rate-limit.token.requests=1000000000 --keymint.rate-limit.token.requests-period=1000s
          --keymint.rate-limit.token.failures=1000000000 --keymint.rate-limit.token.failures-period=1000s) ;;
    off) RATE_LIMIT_ARGS=(--keymint.rate-limit.enabled=false) ;;
    *) echo "rate limits: on or off, not $1" >&2; return 2 ;;
  esac
}
