package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Enforces the dependency rules of STYLE.md B.1: which jgrad packages a package may use (by import
 * or by a fully qualified name in code), that each package-info.java states the same rule, that
 * core imports nothing outside the JDK, and that only {@code tensor.kernel} uses the Vector API.
 */
class ArchitectureTest {
    /**
     * Package → the other jgrad packages it may import (its own is always allowed). The root
     * package {@code jgrad} ({@code Version}) imports nothing and may be imported by all.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("", Set.of()),
            Map.entry("scalar", Set.of()),
            Map.entry("tensor.kernel", Set.of()),
            Map.entry("tensor", Set.of("tensor.kernel")),
            Map.entry("nn", Set.of("tensor")),
            Map.entry("manual", Set.of("tensor")),
            Map.entry("optim", Set.of("tensor", "tensor.kernel")),
            Map.entry("data", Set.of("tensor", "tensor.kernel")),
            Map.entry("io", Set.of("tensor")),
            Map.entry("model", Set.of("tensor", "nn", "optim", "data", "io")),
            Map.entry("train", Set.of("tensor", "nn", "optim", "data", "io", "model")),
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
                if (!target.equals(pkg) && !target.isEmpty() && !allowed.contains(target)) {
                    violations.add(file + ": jgrad." + pkg + " must not import " + imp);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /** A fully qualified jgrad name in code, e.g. {@code jgrad.nn.Linear} or {@code jgrad.tensor.kernel.Gemm.matmul}. */
    private static final Pattern QUALIFIED = Pattern.compile("\\bjgrad((?:\\.[a-z_][A-Za-z0-9_]*)+)\\.[A-Z]");

    @Test
    void fullyQualifiedNamesInCodeObeyTheSameRules() {
        List<String> violations = new ArrayList<>();
        for (Path file : SourceFiles.all()) {
            String pkg = SourceFiles.packageOf(file);
            Set<String> allowed = ALLOWED.getOrDefault(pkg, Set.of());
            String[] lines = SourceFiles.code(file).split("\n", -1);
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n].strip();
                if (line.startsWith("import ") || line.startsWith("package ")) continue;
                Matcher m = QUALIFIED.matcher(line);
                while (m.find()) {
                    String target = m.group(1).substring(1);
                    if (!target.equals(pkg) && !allowed.contains(target)) {
                        violations.add(file + ":" + (n + 1) + ": jgrad." + pkg + " must not use jgrad." + target);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theScanFindsQualifiedNamesInCodeButNotInCommentsOrStrings() throws IOException {
        Path probe = Files.createTempFile("Probe", ".java");
        try {
            Files.writeString(probe, """
                    // jgrad.train.Trainer in a comment
                    /** {@link jgrad.train.Trainer} in Javadoc */
                    class Probe {
                        String s = "jgrad.train.Trainer";
                        char c = '"';
                        Object o = jgrad.train.Trainer.class; String t = \"""
                            jgrad.model.Model
                            \""";
                    }
                    """);
            List<String> found = new ArrayList<>();
            Matcher m = QUALIFIED.matcher(SourceFiles.code(probe));
            while (m.find()) found.add(m.group(1));
            assertThat(found).containsExactly(".train");
        } finally {
            Files.delete(probe);
        }
    }

    /**
     * Each package-info.java states its rule as a first sentence "Dependency rule: depends on
     * {@code jgrad.a}, {@code jgrad.b} ... only" naming exactly the packages of {@link #ALLOWED}
     * (none for a package that depends on no other jgrad package).
     */
    @Test
    void eachPackageInfoStatesTheRuleThisTestEnforces() {
        List<String> violations = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        for (Path file : SourceFiles.all()) packages.add(SourceFiles.packageOf(file));
        packages.remove("");
        for (String pkg : packages) {
            Path info = SourceFiles.ROOT.resolve(pkg.replace('.', '/')).resolve("package-info.java");
            if (!Files.exists(info)) {
                violations.add("jgrad." + pkg + " has no package-info.java stating its dependency rule");
                continue;
            }
            String text = String.join(" ", SourceFiles.lines(info)).replaceAll("\\s*\\*\\s*", " ").replaceAll("\\s+", " ");
            int at = text.indexOf("Dependency rule:");
            if (at < 0) {
                violations.add(info + ": no \"Dependency rule:\" sentence");
                continue;
            }
            Matcher end = Pattern.compile("\\.(\\s|$)").matcher(text);
            String sentence = end.find(at) ? text.substring(at, end.start()) : text.substring(at);
            Set<String> stated = new TreeSet<>();
            Matcher m = Pattern.compile("\\bjgrad\\.([a-z][a-z.]*[a-z])").matcher(sentence);
            while (m.find()) stated.add(m.group(1));
            if (!stated.equals(new TreeSet<>(ALLOWED.getOrDefault(pkg, Set.of())))) {
                violations.add(info + ": states " + stated + " but ArchitectureTest allows " + new TreeSet<>(ALLOWED.get(pkg))
                        + " (\"" + sentence + "\")");
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
