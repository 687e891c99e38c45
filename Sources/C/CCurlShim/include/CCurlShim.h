#ifndef CCURLSHIM_H
#define CCURLSHIM_H
#include <curl/curl.h>
/* Typed wrappers for curl's variadic setters, which Swift cannot call. */
#endif
