// zlib for ArdoiseDocuments (PDF streams, zip) and ArdoiseGzip (HTTP bodies). deflateInit2 is a macro
// Swift cannot call, so the one-shot helpers below wrap it.
#ifndef ARDOISE_ZLIB_SHIM_H
#define ARDOISE_ZLIB_SHIM_H

#include <zlib.h>

/// Compresses `length` bytes in one call at `level`. `windowBits` 15 gives the zlib format (PDF
/// FlateDecode), -15 raw deflate (zip method 8), 31 gzip (RFC 1952, HTTP bodies). Returns the
/// compressed size, or -1 when `capacity` is too small or zlib fails. Size `output` with ardoise_deflate_bound.
static inline long ardoise_deflate_at(const unsigned char *input, unsigned long length,
                                      unsigned char *output, unsigned long capacity, int level, int windowBits) {
    z_stream stream = {0};
    if (deflateInit2(&stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return -1;
    }
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)length;
    stream.next_out = output;
    stream.avail_out = (uInt)capacity;
    int result = deflate(&stream, Z_FINISH);
    long produced = (long)stream.total_out;
    deflateEnd(&stream);
    return result == Z_STREAM_END ? produced : -1;
}

/// The documents' compression: as small as zlib can (a PDF or zip is written once).
static inline long ardoise_deflate(const unsigned char *input, unsigned long length,
                                   unsigned char *output, unsigned long capacity, int windowBits) {
    return ardoise_deflate_at(input, length, output, capacity, Z_BEST_COMPRESSION, windowBits);
}

/// gzip for HTTP bodies at zlib's default level: compressed for every pull page and push.
static inline long ardoise_gzip(const unsigned char *input, unsigned long length,
                                unsigned char *output, unsigned long capacity) {
    return ardoise_deflate_at(input, length, output, capacity, Z_DEFAULT_COMPRESSION, 15 + 16);
}

/// An upper bound for ardoise_deflate's output (deflateBound plus the zlib wrapper's 6 bytes).
static inline unsigned long ardoise_deflate_bound(unsigned long length) {
    return compressBound(length) + 16;
}

/// CRC-32 as zip uses it.
static inline unsigned long ardoise_crc32(const unsigned char *input, unsigned long length) {
    return crc32(crc32(0L, Z_NULL, 0), input, (uInt)length);
}

/// Starts inflating a gzip member (inflateInit2 is a macro); inflate and inflateEnd are called as they are.
static inline int ardoise_gunzip_begin(z_stream *stream) {
    return inflateInit2(stream, 15 + 16);
}

#endif
