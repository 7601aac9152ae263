/**
 * Files: tensors saved and loaded in the safetensors format ({@link jgrad.io.SafeTensors}: a
 * JSON header plus raw little-endian data, readable by PyTorch's {@code safetensors} package),
 * jgrad's one JSON reader and writer ({@link jgrad.io.Json}), and atomic file replacement
 * ({@link jgrad.io.AtomicFile}). Never Java serialization.
 *
 * <p>Dependency rule: depends on {@code jgrad.tensor} and the JDK only. Readers validate a whole
 * file header before allocating anything, so hostile or truncated files fail with a clear
 * {@link java.io.IOException}; writers replace files atomically (temp file, then rename).
 */
package jgrad.io;
