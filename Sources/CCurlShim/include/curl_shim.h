// Typed wrappers over libcurl's variadic curl_easy_setopt / curl_easy_getinfo,
// which Swift cannot call directly. One wrapper per argument type.
#ifndef ARDOISE_CURL_SHIM_H
#define ARDOISE_CURL_SHIM_H

#include <curl/curl.h>

/// The write and header callback type (CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION).
typedef size_t (*ardoise_curl_write_fn)(char *data, size_t size, size_t count, void *userdata);
/// The upload callback type (CURLOPT_READFUNCTION): fills `buffer` with up to size * count bytes.
typedef size_t (*ardoise_curl_read_fn)(char *buffer, size_t size, size_t count, void *userdata);

CURLcode ardoise_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ardoise_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ardoise_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ardoise_curl_setopt_write_function(CURL *handle, CURLoption option, ardoise_curl_write_fn value);
CURLcode ardoise_curl_setopt_read_function(CURL *handle, CURLoption option, ardoise_curl_read_fn value);
CURLcode ardoise_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ardoise_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);

CURLcode ardoise_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);

/// CURL_ERROR_SIZE as a value Swift can read (macros with casts do not import).
static inline int ardoise_curl_error_size(void) { return CURL_ERROR_SIZE; }

#endif
