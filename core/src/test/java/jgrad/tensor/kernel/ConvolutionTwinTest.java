package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code DoubleConvolution} is {@code FloatConvolution} with the element type swapped, as
 * {@code DoubleGemm} is {@code FloatGemm} ({@link GemmTwinTest}): edit {@code FloatConvolution},
 * then regenerate {@code DoubleConvolution} with {@link #toDouble}.
 */
class ConvolutionTwinTest {
    private static final Path DIR = Path.of("src/main/java/jgrad/tensor/kernel");

    @Test
    void doubleConvolutionIsFloatConvolutionWithTheTypeSwapped() throws IOException {
        String floatSource = Files.readString(DIR.resolve("FloatConvolution.java"));
        String doubleSource = Files.readString(DIR.resolve("DoubleConvolution.java"));
        assertThat(doubleSource).isEqualTo(toDouble(floatSource));
    }

    /** The substitution that turns the float32 kernels into the float64 ones. */
    static String toDouble(String floatSource) {
        return GemmTwinTest.toDouble(floatSource).replace("sgemm", "dgemm");
    }
}
