/*===- nxrt_c.h - C API of the nxc runtime ------------------------*- C -*-===*
 *
 * This file declares the C interface of libnxrt, for C programs and foreign
 * function interfaces: a plain tensor struct, creating and freeing tensors,
 * `.npy` I/O, printing, and calling a compiled entry by its signature text.
 * Functions that can fail return 0 on success and nonzero on error, and
 * write a NUL-terminated message into `err` (truncated to `err_len` bytes;
 * `err` may be NULL).
 *
 *===----------------------------------------------------------------------===*/

#ifndef NXRT_C_H
#define NXRT_C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Element type codes; the same values as nxrt::DType. */
enum {
  NXRT_PRED = 0,
  NXRT_U8 = 1,
  NXRT_S32 = 2,
  NXRT_S64 = 3,
  NXRT_F32 = 4,
  NXRT_F64 = 5,
  NXRT_S8 = 6,
  NXRT_S16 = 7,
  NXRT_U16 = 8,
  NXRT_U32 = 9,
  NXRT_U64 = 10,
  NXRT_F16 = 11,
  NXRT_BF16 = 12
};

/* A dense row-major tensor. When `owner` is NULL the caller owns `shape` and
 * `data`; otherwise both belong to the runtime and stay valid until
 * nxrt_tensor_free. */
typedef struct nxrt_tensor {
  int32_t dtype; /* an NXRT_* code */
  int32_t rank;
  int64_t *shape; /* `rank` dimensions (may be NULL when rank is 0) */
  void *data;     /* dense row-major elements, or NULL: "allocate me" */
  void *owner;    /* runtime handle, or NULL for caller memory */
} nxrt_tensor;

/* Name ("f32") and element size in bytes of a dtype code; NULL / 0 for an
 * unknown code. */
const char *nxrt_dtype_name(int32_t dtype);
size_t nxrt_dtype_size(int32_t dtype);

/* Number of elements of a tensor (1 for rank 0). */
int64_t nxrt_tensor_numel(const nxrt_tensor *t);

/* Allocates a zero-initialized, 64-byte aligned tensor into `*out`. */
int nxrt_tensor_create(int32_t dtype, int32_t rank, const int64_t *shape,
                       nxrt_tensor *out, char *err, size_t err_len);

/* Releases a tensor created by the runtime and zeroes `*t`. Does nothing to
 * caller memory (owner == NULL) except zeroing the struct. NULL is allowed. */
void nxrt_tensor_free(nxrt_tensor *t);

/* Reads a .npy file into a new runtime-owned tensor. */
int nxrt_npy_read(const char *path, nxrt_tensor *out, char *err,
                  size_t err_len);

/* Writes a tensor as a .npy file (format 1.0). */
int nxrt_npy_write(const char *path, const nxrt_tensor *t, char *err,
                   size_t err_len);

/* Renders a tensor as Nx's inspect does; the string is malloc'ed and must be
 * released with free(). NULL on error. */
char *nxrt_tensor_inspect(const nxrt_tensor *t);

/* Calls the compiled entry `fn` whose signature text is `signature`.
 * Outputs whose `data` is NULL are allocated by the runtime (release them
 * with nxrt_tensor_free); the others must match the signature exactly. */
int nxrt_invoke_c(const char *signature, void (*fn)(void **),
                  const nxrt_tensor *inputs, size_t n_in, nxrt_tensor *outputs,
                  size_t n_out, char *err, size_t err_len);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* NXRT_C_H */
