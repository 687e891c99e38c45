#ifndef CCURLSHIM_H
#define CCURLSHIM_H
#include <curl/curl.h>

/*
 * Typed wrappers for curl's variadic setters and getters, which Swift cannot call.
 * One wrapper per argument kind; the option decides which one applies (see curl_easy_setopt(3)).
 */

CURLcode wasend_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode wasend_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode wasend_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode wasend_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
/* For CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION, which share one signature. */
CURLcode wasend_curl_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback callback);
/* For CURLOPT_PREREQFUNCTION. */
CURLcode wasend_curl_easy_setopt_prereq_callback(CURL *handle, CURLoption option, curl_prereq_callback callback);

CURLMcode wasend_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

CURLcode wasend_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode wasend_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode wasend_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode wasend_curl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value);

#endif
