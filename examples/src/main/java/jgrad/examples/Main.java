package jgrad.examples;

/** Entry point of {@code ./jgrad}: dispatches {@code example NAME} to the example programs. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("usage: ./jgrad example NAME");
    }
}
