/**
 * The {@code jgrad} command line on picocli: {@code train}, {@code eval}, {@code predict},
 * {@code example}, {@code gradcheck}, {@code graph}, {@code info} and {@code shell}, one class per
 * subcommand; {@link jgrad.cli.Main} is the entry point. Wiring only: commands turn options into
 * typed values, call the library and print, and every error becomes one line on stderr and an
 * exit code.
 *
 * <p>Dependency rule: depends on {@code jgrad-core}, {@code jgrad-charts}, {@code jgrad-examples}
 * and picocli; nothing depends on it.
 */
package jgrad.cli;
