package jgrad.charts;

/**
 * One cell of an {@link Charts#imageGrid}: an image with a caption under it, drawn in the
 * colour its {@link Mark} says.
 *
 * @param image the picture
 * @param caption the text under it (may be empty)
 * @param mark how to colour the caption
 */
public record Tile(Pixels image, String caption, Mark mark) {
    /** How a caption is coloured. */
    public enum Mark {
        /** Plain dark text. */
        PLAIN,
        /** Green: a correct prediction. */
        RIGHT,
        /** Red: a wrong prediction. */
        WRONG
    }

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if a part is null
     */
    public Tile {
        if (image == null || caption == null || mark == null) throw new IllegalArgumentException("Tile: a part is null");
    }

    /**
     * {@return an image with a plain caption, e.g. a filter's index}
     *
     * @param image the picture
     * @param caption the text under it
     */
    public static Tile of(Pixels image, String caption) {
        return new Tile(image, caption, Mark.PLAIN);
    }

    /**
     * An image with its predicted and true labels: {@code "7"} in green when they agree, {@code
     * "7 (true 2)"} in red when they do not.
     *
     * @param image the example
     * @param predicted the predicted class's name
     * @param actual the true class's name
     * @return the tile
     */
    public static Tile prediction(Pixels image, String predicted, String actual) {
        boolean right = predicted.equals(actual);
        return new Tile(image, right ? predicted : predicted + " (true " + actual + ")", right ? Mark.RIGHT : Mark.WRONG);
    }
}
