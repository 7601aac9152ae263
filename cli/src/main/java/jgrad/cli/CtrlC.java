package jgrad.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Ctrl-C (SIGINT) handling for a command that can stop cleanly: while installed, the first Ctrl-C
 * runs a callback (e.g. {@code trainer.requestStop()}) instead of ending the JVM; a second one
 * ends it at once with exit code 130 (shutdown hooks still run, so no temporary file is left).
 * Closing restores the JVM's own handling.
 *
 * <p>Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}, present in every OpenJDK build),
 * through reflection so that the build has no warning about it. Where it is missing, Ctrl-C keeps
 * the JVM's default behaviour.
 */
final class CtrlC implements AutoCloseable {
    private static final String SIGNAL = "sun.misc.Signal";
    private static final String HANDLER = "sun.misc.SignalHandler";

    private final Runnable firstPress;
    private Object signal;   // null when the signal API is missing
    private Object previous; // the handler to restore
    private volatile boolean pressed;

    private CtrlC(Runnable firstPress) {
        this.firstPress = firstPress;
    }

    /**
     * Installs the handler: the first Ctrl-C runs {@code firstPress} on the signal thread.
     *
     * @return the installed handler, to close when the command is done
     */
    static CtrlC install(Runnable firstPress) {
        CtrlC c = new CtrlC(firstPress);
        try {
            Class<?> signalClass = Class.forName(SIGNAL);
            Class<?> handlerClass = Class.forName(HANDLER);
            Object signal = signalClass.getConstructor(String.class).newInstance("INT");
            Object handler = Proxy.newProxyInstance(CtrlC.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            c.press();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "jgrad Ctrl-C handler";
                    });
            c.previous = signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            c.signal = signal;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no signal API: Ctrl-C keeps the JVM's default (exit 130)
        }
        return c;
    }

    private void press() {
        if (pressed) {
            System.err.println("\njgrad: second Ctrl-C, stopping now");
            Runtime.getRuntime().exit(Errors.ExitCode.INTERRUPTED);
        }
        pressed = true;
        firstPress.run();
    }

    /** True once Ctrl-C was pressed. */
    boolean pressed() {
        return pressed;
    }

    /** Restores the handler that was there before {@link #install}. */
    @Override
    public void close() {
        if (signal == null) return;
        try {
            Class<?> signalClass = Class.forName(SIGNAL);
            Class<?> handlerClass = Class.forName(HANDLER);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, previous);
        } catch (ReflectiveOperationException e) {
            // leave it: the process is about to end anyway
        }
    }

    /** Sends SIGINT to this JVM (for tests). */
    static void raise() throws ReflectiveOperationException {
        Class<?> signalClass = Class.forName(SIGNAL);
        try {
            signalClass.getMethod("raise", signalClass).invoke(null, signalClass.getConstructor(String.class).newInstance("INT"));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
