// libcurl through dlopen/dlsym: see CCurl.h for why. One table of function pointers, filled once
// by ccurl_load; the wrappers call through it.
#include "CCurl.h"
#include <dlfcn.h>
#include <stdio.h>

static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_cleanup)(CURLM *);
    CURLMcode (*multi_add_handle)(CURLM *, CURL *);
    CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
    CURLMcode (*multi_perform)(CURLM *, int *);
    CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd[], unsigned int, int, int *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
    const char *(*multi_strerror)(CURLMcode);
} libcurl;

// MARK: - Loading

CURLcode ccurl_load(char *error, size_t size) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(error, size, "libcurl could not be loaded (install libcurl4): %s", dlerror());
        return CURLE_FAILED_INIT;
    }
    struct { const char *name; void **slot; } symbols[] = {
        {"curl_global_init", (void **)&libcurl.global_init},
        {"curl_easy_init", (void **)&libcurl.easy_init},
        {"curl_easy_cleanup", (void **)&libcurl.easy_cleanup},
        {"curl_easy_strerror", (void **)&libcurl.easy_strerror},
        {"curl_easy_setopt", (void **)&libcurl.easy_setopt},
        {"curl_easy_getinfo", (void **)&libcurl.easy_getinfo},
        {"curl_slist_append", (void **)&libcurl.slist_append},
        {"curl_slist_free_all", (void **)&libcurl.slist_free_all},
        {"curl_multi_init", (void **)&libcurl.multi_init},
        {"curl_multi_cleanup", (void **)&libcurl.multi_cleanup},
        {"curl_multi_add_handle", (void **)&libcurl.multi_add_handle},
        {"curl_multi_remove_handle", (void **)&libcurl.multi_remove_handle},
        {"curl_multi_perform", (void **)&libcurl.multi_perform},
        {"curl_multi_poll", (void **)&libcurl.multi_poll},
        {"curl_multi_info_read", (void **)&libcurl.multi_info_read},
        {"curl_multi_strerror", (void **)&libcurl.multi_strerror},
    };
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
        *symbols[i].slot = dlsym(library, symbols[i].name);
        if (!*symbols[i].slot) {
            snprintf(error, size, "libcurl.so.4 lacks %s (libcurl 7.66 or later is needed)", symbols[i].name);
            return CURLE_FAILED_INIT;
        }
    }
    CURLcode code = libcurl.global_init(CURL_GLOBAL_ALL);
    if (code != CURLE_OK) snprintf(error, size, "curl_global_init: %s", libcurl.easy_strerror(code));
    return code;
}

// MARK: - Easy handles

CURL *ccurl_easy_init(void) { return libcurl.easy_init(); }
void ccurl_easy_cleanup(CURL *h) { libcurl.easy_cleanup(h); }
const char *ccurl_easy_strerror(CURLcode code) { return libcurl.easy_strerror(code); }
CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v) { return libcurl.easy_setopt(h, o, v); }
CURLcode ccurl_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return libcurl.easy_setopt(h, o, v); }
CURLcode ccurl_easy_setopt_ptr(CURL *h, CURLoption o, void *v) { return libcurl.easy_setopt(h, o, v); }
CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return libcurl.easy_setopt(h, o, v); }
CURLcode ccurl_easy_setopt_write_function(CURL *h, CURLoption o, ccurl_write_callback f) {
    return libcurl.easy_setopt(h, o, f);
}
CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return libcurl.easy_getinfo(h, i, v); }
CURLcode ccurl_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return libcurl.easy_getinfo(h, i, v); }
CURLcode ccurl_easy_getinfo_ptr(CURL *h, CURLINFO i, void **v) { return libcurl.easy_getinfo(h, i, v); }

// MARK: - Header lists

struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line) {
    return libcurl.slist_append(list, line);
}
void ccurl_slist_free_all(struct curl_slist *list) { libcurl.slist_free_all(list); }

// MARK: - Multi handles

CURLM *ccurl_multi_init(void) { return libcurl.multi_init(); }
CURLMcode ccurl_multi_cleanup(CURLM *m) { return libcurl.multi_cleanup(m); }
CURLMcode ccurl_multi_add_handle(CURLM *m, CURL *h) { return libcurl.multi_add_handle(m, h); }
CURLMcode ccurl_multi_remove_handle(CURLM *m, CURL *h) { return libcurl.multi_remove_handle(m, h); }
CURLMcode ccurl_multi_perform(CURLM *m, int *running) { return libcurl.multi_perform(m, running); }
CURLMcode ccurl_multi_poll(CURLM *m, struct curl_waitfd extra[], unsigned int count, int timeout_ms, int *ready) {
    return libcurl.multi_poll(m, extra, count, timeout_ms, ready);
}
CURLMsg *ccurl_multi_info_read(CURLM *m, int *queued) { return libcurl.multi_info_read(m, queued); }
const char *ccurl_multi_strerror(CURLMcode code) { return libcurl.multi_strerror(code); }
CURLcode ccurl_msg_result(CURLMsg *msg) { return msg->data.result; }
