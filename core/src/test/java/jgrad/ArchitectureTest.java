package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Enforces the dependency rules of STYLE.md B.1: which jgrad packages a package may import, that
 * core imports nothing outside the JDK, and that only {@code tensor.kernel} uses the Vector API.
 */
class ArchitectureTest {
    /** Package → the other jgrad packages it may import (its own is always allowed). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("", Set.of()),
            Map.entry("scalar", Set.of()),
            Map.entry("tensor.kernel", Set.of()),
            Map.entry("tensor", Set.of("tensor.kernel")),
            Map.entry("nn", Set.of("tensor")),
            Map.entry("manual", Set.of("tensor", "tensor.kernel", "nn")),
            Map.entry("optim", Set.of("tensor", "tensor.kernel")),
            Map.entry("data", Set.of("tensor")),
            Map.entry("io", Set.of("tensor")),
            Map.entry("train", Set.of("tensor", "nn", "optim", "data", "io")),
            Map.entry("viz", Set.of("tensor", "scalar")));

    @Test
    void packagesImportOnlyWhatTheirRuleAllows() {
        List<String> violations = new ArrayList<>();
        for (Path file : SourceFiles.all()) {
            String pkg = SourceFiles.packageOf(file);
            Set<String> allowed = ALLOWED.get(pkg);
            if (allowed == null) {
                violations.add(file + ": package jgrad." + pkg + " has no rule in ArchitectureTest");
                continue;
            }
            for (String imp : SourceFiles.imports(file)) {
                if (!imp.startsWith("jgrad.")) continue;
                String target = importedPackage(imp);
                if (!target.equals(pkg) && !allowed.contains(target)) {
                    violations.add(file + ": jgrad." + pkg + " must not import " + imp);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void coreImportsOnlyTheJdk() {
        List<String> violations = new ArrayList<>();
        for (Path file : SourceFiles.all()) {
            for (String imp : SourceFiles.imports(file)) {
                boolean jdk = imp.startsWith("java.") || imp.startsWith("javax.");
                boolean vector = imp.startsWith("jdk.incubator.vector.");
                if (vector && !SourceFiles.packageOf(file).equals("tensor.kernel")) {
                    violations.add(file + ": only jgrad.tensor.kernel may use the Vector API (" + imp + ")");
                } else if (!jdk && !vector && !imp.startsWith("jgrad.")) {
                    violations.add(file + ": core depends on the JDK only (" + imp + ")");
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /** {@code jgrad.tensor.kernel.Gemm} → {@code tensor.kernel}; {@code jgrad.nn.*} → {@code nn}. */
    private static String importedPackage(String imp) {
        String[] parts = imp.substring("jgrad.".length()).split("\\.");
        StringBuilder pkg = new StringBuilder();
        for (String part : parts) {
            if (part.equals("*") || Character.isUpperCase(part.charAt(0))) break;
            if (!pkg.isEmpty()) pkg.append('.');
            pkg.append(part);
        }
        return pkg.toString();
    }
}
