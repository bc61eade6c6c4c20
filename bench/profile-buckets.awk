# Sorts the samples of `perf script -F comm,pid,tid,ip,sym,dso` into the parts of a token request
# (see bench/profile.sh). Variables: keymint, db, wrk (process IDs), hz (sampling frequency),
# requests (requests served while perf recorded). Prints: part, share of the samples, CPU
# microseconds per request. With -v detail=PART (a prefix of a part's name), then the frames that
# put samples into that part, most frequent first.
#
# A sample of keymint's JVM goes to the JIT, GC or signature part when its thread or any frame
# says so; otherwise to the part of the first frame, from the leaf up, that names one: a JDK or JVM
# frame (a HashMap, an allocation) is charged to the code that called it. A timer interrupt's
# kernel frames are skipped, so that preemption is charged to the code it interrupted.
function part(   i, f, kernel, interrupted) {
  if (pid == db) return "MariaDB server (process)"
  if (pid == wrk) return "wrk (load generator, process)"
  if (pid != keymint) return ""
  if (comm ~ /^C[12] CompilerThre/) return "JIT compilers"
  for (i = 1; i <= n; i++) {
    f = frames[i]
    if (f ~ /libamazonCorrettoCryptoProvider|com\.amazon\.corretto|sun\.security\.(rsa|ec|util\.math)|java\.math\.(Mutable)?BigInteger|montgomery/)
      return "signature (provider)"
    if (f ~ /SerialHeap|DefNewGeneration|TenuredGeneration|GenCollect|VM_GenCollect|SerialFullGC/) return "GC"
    if (f ~ /asm_sysvec_apic_timer_interrupt|asm_common_interrupt|irqentry_exit/) interrupted = 1
  }
  for (i = 1; i <= n; i++) {
    f = frames[i]
    decider = f
    if (f ~ /\[kernel\.kallsyms\]/) {
      if (interrupted) continue
      if (kernel == "") kernel = f
      if (f ~ /tcp_|sock_|inet_|__ip_|ip_finish|ip_output|__netif|net_rx|loopback|skb|epoll|ep_poll|do_sys_poll|sys_(sendto|recvfrom|write|read|writev|readv|poll)|__sys_(sendto|recvfrom)/)
        return "kernel: sockets and epoll (both ends of each connection)"
      if (f ~ /futex/) return "kernel: futex (parking and waking threads)"
      continue
    }
    if (kernel != "") return "kernel: other (scheduling, memory, syscalls)"
    if (f ~ /java\.lang\.Throwable\.(fillInStackTrace|<init>)|Exception\.<init>/) return "exceptions (construction, stack traces)"
    if (f ~ /dev\.keymint\.token\.AccessTokenResponseWriter|dev\.keymint\.json\.JsonWriter/) return "keymint: JSON of claims and response, response writing"
    if (f ~ /dev\.keymint\.token\.AccessTokenGenerator|dev\.keymint\.signing\.SigningKeysJwtEncoder|dev\.keymint\.token\.TokenIds/)
      return "keymint: claims, jti, JWS assembly (without JSON and signature)"
    if (f ~ /dev\.keymint\.apikey\.ApiKeyLookup|dev\.keymint\.apikey\.ApiKeyRepository|org\.mariadb\.jdbc|com\.zaxxer\.hikari|org\.springframework\.jdbc/)
      return "key read (shared lookup, JDBC driver)"
    if (f ~ /dev\.keymint\.token\.(ApiKeyAuthenticationProvider|ApiKeyClients|ApiKeyRegisteredClientRepository|ClientAuthentication)|dev\.keymint\.(apikey|lockout|role)\.|ClientSecret(Basic|Post)AuthenticationConverter|OAuth2ClientAuthenticationFilter|com\.github\.benmanes/)
      return "client authentication (Basic decoding, keymint's provider, secret hash, registered client)"
    if (f ~ /org\.springframework\.security\.oauth2|dev\.keymint\.token\./)
      return "token endpoint and grant (Spring Authorization Server: converters, client-credentials provider)"
    if (f ~ /org\.springframework\.security/) return "Spring Security filter chain (other filters, firewall, matchers)"
    if (f ~ /org\.springframework\.web|org\.springframework\.boot|dev\.keymint\.(metrics|web)|io\.micrometer/)
      return "servlet filters of Spring and keymint, token timer"
    if (f ~ /org\.apache\.(tomcat|coyote|catalina)/) return "Tomcat (HTTP parsing, request and response objects, poller)"
    if (f ~ /java\.lang\.VirtualThread|jdk\.internal\.vm\.Continuation|ForkJoinPool|continuationstubs/)
      return "virtual threads (scheduling, mounting)"
  }
  if (kernel != "") return "kernel: other (scheduling, memory, syscalls)"
  return "JVM and JDK, no caller known (interpreter, stubs, runtime threads)"
}
function flush(   p, f) {
  if (header == "") return
  decider = "(whole stack)"
  p = part()
  if (p != "") { count[p]++; total++ }
  if (detail != "" && index(p, detail) == 1) {
    f = decider; sub(/^\t *[0-9a-f]+ /, "", f); sub(/ \((\/tmp\/perf-|\[kernel).*$/, "", f); decided[substr(f, 1, 160)]++
  }
  header = ""; n = 0
}
/^[^\t]/ { flush(); header = $0; split($NF, ids, "/"); pid = ids[1]; comm = $0; sub(/ +[0-9]+\/[0-9]+ *$/, "", comm); next }
/^\t/ { frames[++n] = $0; next }
/^$/ { flush() }
END {
  flush()
  for (p in count) printf "%6.1f %%  %7.1f us  %s\n", 100 * count[p] / total, count[p] * 1e6 / hz / requests, p | "sort -k1 -rn"
  close("sort -k1 -rn")
  printf "%6.1f %%  %7.1f us  %s\n", 100, total * 1e6 / hz / requests, "all (" total " samples, " requests " requests)"
  if (detail != "") {
    print "\nframes that decided \"" detail "\":"
    for (f in decided) printf "%6d  %s\n", decided[f], f | "sort -rn | head -40"
  }
}
