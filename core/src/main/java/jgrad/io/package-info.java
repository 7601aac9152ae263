/**
 * Model files: tensors saved and loaded in the safetensors format (a JSON header plus raw
 * little-endian data), readable by PyTorch's {@code safetensors} package. Never Java
 * serialization.
 *
 * <p>Dependency rule: depends on {@code jgrad.tensor} and the JDK only. Readers validate a whole
 * file header before allocating anything, so hostile or truncated files fail with a clear
 * {@link java.io.IOException}; writers replace files atomically (temp file, then rename).
 */
package jgrad.io;
