package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code DoubleGemm} is {@code FloatGemm}, and {@code DoubleMicroKernels} is {@code FloatMicroKernels},
 * with the element type swapped (Java has no generics over primitives). This keeps the twins from
 * drifting apart: edit the 32-bit file, then regenerate its twin with the substitution below.
 */
class GemmTwinTest {
    private static final Path DIR = Path.of("src/main/java/jgrad/tensor/kernel");

    @Test
    void doubleGemmIsFloatGemmWithTheTypeSwapped() throws IOException {
        String floatSource = Files.readString(DIR.resolve("FloatGemm.java"));
        String doubleSource = Files.readString(DIR.resolve("DoubleGemm.java"));
        assertThat(doubleSource).isEqualTo(toDouble(floatSource));
    }

    @Test
    void doubleMicroKernelsAreFloatMicroKernelsWithTheTypeSwapped() throws IOException {
        String floatSource = Files.readString(DIR.resolve("FloatMicroKernels.java"));
        String doubleSource = Files.readString(DIR.resolve("DoubleMicroKernels.java"));
        assertThat(doubleSource).isEqualTo(toDouble(floatSource));
    }

    /** The substitution that turns the float32 engine into the float64 one. */
    static String toDouble(String floatSource) {
        return floatSource.replace("float", "double").replace("Float", "Double")
                .replace("Double32", "Float64").replace("Gemm#sgemm", "Gemm#dgemm");
    }
}
