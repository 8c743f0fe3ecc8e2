// CCurl: the one header through which PanelClient reaches libcurl. The client does not link
// libcurl: `ccurl_load` opens libcurl.so.4 with dlopen on the first request and resolves the
// functions below with dlsym, so a client that only paints its first screen never maps libcurl,
// OpenSSL, GnuTLS, Kerberos... (issue 7: about 5 ms and 9 MB of a start). <curl/curl.h> is
// included for its types and constants only. Every function here except `ccurl_load` requires a
// successful `ccurl_load` first. `curl_easy_setopt`, `curl_easy_getinfo` are variadic and do not
// import into Swift, so each argument kind gets a typed function, as swift-corelibs-foundation does.
#ifndef CCURL_H
#define CCURL_H

#include <curl/curl.h>
#include <stddef.h>

// MARK: - Loading

/// Loads libcurl.so.4, resolves every function below and runs curl_global_init(CURL_GLOBAL_ALL).
/// Returns CURLE_OK, or CURLE_FAILED_INIT with the reason in `error` (NUL-terminated), or
/// curl_global_init's own code. Not thread-safe: call it once (PanelClient's `CurlLibrary` does).
CURLcode ccurl_load(char *error, size_t size);

// MARK: - Easy handles

CURL *ccurl_easy_init(void);
void ccurl_easy_cleanup(CURL *h);
const char *ccurl_easy_strerror(CURLcode code);
/// curl_easy_setopt with a long argument.
CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v);
/// curl_easy_setopt with a string argument (libcurl copies strings, except POSTFIELDS).
CURLcode ccurl_easy_setopt_string(CURL *h, CURLoption o, const char *v);
/// curl_easy_setopt with a pointer argument (WRITEDATA, HEADERDATA, PRIVATE, ...).
CURLcode ccurl_easy_setopt_ptr(CURL *h, CURLoption o, void *v);
/// curl_easy_setopt with a header list (HTTPHEADER).
CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v);

/// The write and header callbacks' C signature, named for Swift.
typedef size_t (*ccurl_write_callback)(char *data, size_t size, size_t count, void *userdata);
/// curl_easy_setopt(CURLOPT_WRITEFUNCTION / CURLOPT_HEADERFUNCTION, callback).
CURLcode ccurl_easy_setopt_write_function(CURL *h, CURLoption o, ccurl_write_callback f);

/// curl_easy_getinfo with a long out-argument.
CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v);
/// curl_easy_getinfo with a curl_off_t out-argument.
CURLcode ccurl_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v);
/// curl_easy_getinfo with a pointer out-argument (CURLINFO_PRIVATE).
CURLcode ccurl_easy_getinfo_ptr(CURL *h, CURLINFO i, void **v);

// MARK: - Header lists

struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line);
void ccurl_slist_free_all(struct curl_slist *list);

// MARK: - Multi handles

CURLM *ccurl_multi_init(void);
CURLMcode ccurl_multi_cleanup(CURLM *m);
CURLMcode ccurl_multi_add_handle(CURLM *m, CURL *h);
CURLMcode ccurl_multi_remove_handle(CURLM *m, CURL *h);
CURLMcode ccurl_multi_perform(CURLM *m, int *running);
CURLMcode ccurl_multi_poll(CURLM *m, struct curl_waitfd extra[], unsigned int count, int timeout_ms, int *ready);
CURLMsg *ccurl_multi_info_read(CURLM *m, int *queued);
const char *ccurl_multi_strerror(CURLMcode code);
/// The CURLMsg union's `result` member for a CURLMSG_DONE message.
CURLcode ccurl_msg_result(CURLMsg *msg);

#endif
