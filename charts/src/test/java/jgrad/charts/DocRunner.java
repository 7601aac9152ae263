package jgrad.charts;

/** Runs the {@code main} of each class named in {@code args}, in order, in this JVM (for {@link ChartsDocTest}). */
final class DocRunner {
    private DocRunner() {}

    public static void main(String[] args) throws Exception {
        for (String name : args) {
            System.out.println("== " + name);
            Class.forName(name).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        }
    }
}
