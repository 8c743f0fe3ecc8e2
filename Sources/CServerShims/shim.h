// CServerShims: the C calls haker-panel-server needs that do not import into Swift. Prefixed
// `cserver_`.
#ifndef CSERVER_SHIM_H
#define CSERVER_SHIM_H

#include <signal.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

/// prctl(PR_SET_PDEATHSIG, sig): prctl is variadic. Asks the kernel to send `sig` to this process
/// when its parent ends. Returns -1 where the call does not exist (not Linux).
static inline int cserver_set_parent_death_signal(int sig) {
#if defined(__linux__)
    return prctl(PR_SET_PDEATHSIG, (unsigned long)sig, 0UL, 0UL, 0UL);
#else
    (void)sig;
    return -1;
#endif
}

/// Where Swift's runtime looks for a global-executor hook (`swift_task_enqueueGlobal_hook`, a
/// variable of the concurrency runtime), for the server's entry point. swift-nio's own takeover
/// finds it with dlsym, which finds nothing in `make release`'s binaries: the statically linked
/// runtime's symbols are not exported (swiftc links it with --exclude-libs ALL). Declared here, it
/// is bound when linking, with the runtime linked statically or shared.
extern void *swift_task_enqueueGlobal_hook;
static inline void **cserver_global_enqueue_hook(void) { return &swift_task_enqueueGlobal_hook; }

#endif
