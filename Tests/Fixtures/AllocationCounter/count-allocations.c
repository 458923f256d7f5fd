/* Counts the bytes a process asks the C allocator for, over its whole run (LD_PRELOAD): the linear-cost
 * tests (Tests/S1CheckEndToEndTests/LinearCostCLITests.swift) compare the count for an input and for one
 * four times larger. A collection copied on every insert asks for the square of its size in all; one
 * grown in place asks for about twice its final size. At exit the total is written, in decimal, to the
 * file named by S1CHECK_ALLOCATED_BYTES_FILE. Built by the tests with cc -shared -fPIC. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static unsigned long long allocated;

static void count(size_t n) { __atomic_fetch_add(&allocated, (unsigned long long)n, __ATOMIC_RELAXED); }

void *malloc(size_t n) { count(n); return __libc_malloc(n); }
void *calloc(size_t k, size_t n) { count(k * n); return __libc_calloc(k, n); }
void *realloc(void *p, size_t n) { count(n); return __libc_realloc(p, n); }
void *memalign(size_t a, size_t n) { count(n); return __libc_memalign(a, n); }
void *aligned_alloc(size_t a, size_t n) { count(n); return __libc_memalign(a, n); }
int posix_memalign(void **out, size_t a, size_t n) {
    count(n);
    void *p = __libc_memalign(a, n);
    if (!p) return 12; /* ENOMEM */
    *out = p;
    return 0;
}

__attribute__((destructor)) static void report(void) {
    const char *path = getenv("S1CHECK_ALLOCATED_BYTES_FILE");
    if (!path) return;
    char text[32];
    int len = snprintf(text, sizeof text, "%llu\n", __atomic_load_n(&allocated, __ATOMIC_RELAXED));
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return;
    if (write(fd, text, (size_t)len) != len) { /* the test then finds no count and fails */ }
    close(fd);
}
