// Each wrapper fixes the variadic argument's type, so the C ABI is right for every call from Swift.
#include "curl_shim.h"

CURLcode ardoise_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ardoise_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ardoise_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ardoise_curl_setopt_write_function(CURL *handle, CURLoption option, ardoise_curl_write_fn value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ardoise_curl_setopt_read_function(CURL *handle, CURLoption option, ardoise_curl_read_fn value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ardoise_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ardoise_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ardoise_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
