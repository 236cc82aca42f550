// epoll is Linux-only and not in Swift's Glibc module map.
#include <sys/epoll.h>
