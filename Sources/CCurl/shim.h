// CCurl: the one header through which PanelClient reaches libcurl. `curl_easy_setopt`,
// `curl_easy_getinfo` and `curl_multi_setopt` are variadic and do not import into Swift, so
// each argument kind gets a typed setter, as swift-corelibs-foundation does. Prefixed `ccurl_`.
#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H

#include <curl/curl.h>
#include <stddef.h>

// MARK: - Global

/// curl_global_init(CURL_GLOBAL_ALL): the CURL_GLOBAL_ALL macro, in one call.
static inline CURLcode ccurl_global_init(void) { return curl_global_init(CURL_GLOBAL_ALL); }

// MARK: - Easy options (curl_easy_setopt is variadic)

/// curl_easy_setopt with a long argument.
static inline CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
/// curl_easy_setopt with a curl_off_t argument.
static inline CURLcode ccurl_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
/// curl_easy_setopt with a string argument (libcurl copies strings, except POSTFIELDS).
static inline CURLcode ccurl_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
/// curl_easy_setopt with a pointer argument (WRITEDATA, HEADERDATA, PRIVATE, ...).
static inline CURLcode ccurl_easy_setopt_ptr(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
/// curl_easy_setopt with a header list (HTTPHEADER).
static inline CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }

/// The write and header callbacks' C signature, named for Swift.
typedef size_t (*ccurl_write_callback)(char *data, size_t size, size_t count, void *userdata);
/// curl_easy_setopt(CURLOPT_WRITEFUNCTION / CURLOPT_HEADERFUNCTION, callback).
static inline CURLcode ccurl_easy_setopt_write_function(CURL *h, CURLoption o, ccurl_write_callback f) { return curl_easy_setopt(h, o, f); }

/// The progress callback's C signature (CURLOPT_XFERINFOFUNCTION), named for Swift.
typedef int (*ccurl_xferinfo_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
                                       curl_off_t ultotal, curl_off_t ulnow);
/// curl_easy_setopt(CURLOPT_XFERINFOFUNCTION, callback).
static inline CURLcode ccurl_easy_setopt_xferinfo_function(CURL *h, ccurl_xferinfo_callback f) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f); }

// MARK: - Info (curl_easy_getinfo is variadic)

/// curl_easy_getinfo with a long out-argument.
static inline CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
/// curl_easy_getinfo with a string out-argument.
static inline CURLcode ccurl_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
/// curl_easy_getinfo with a curl_off_t out-argument.
static inline CURLcode ccurl_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
/// curl_easy_getinfo with a pointer out-argument (CURLINFO_PRIVATE).
static inline CURLcode ccurl_easy_getinfo_ptr(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }

// MARK: - Multi (curl_multi_setopt is variadic)

/// curl_multi_setopt with a long argument.
static inline CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

/// The CURLMsg union's `result` member for a CURLMSG_DONE message.
static inline CURLcode ccurl_msg_result(CURLMsg *msg) { return msg->data.result; }

#endif
