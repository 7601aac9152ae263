package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/** The contract the cli module relies on: {@link Examples#commands()} and what every example command offers. */
class ExamplesTest {
    private static final List<String> NAMES = List.of("backprop-basics", "micrograd-step", "toy-regression", "moons", "shopping",
            "numerical-gradient", "sine-regression", "sine-classification", "xor", "two-layer-net", "optimizers", "weight-init", "batch-norm",
            "overfitting", "iris", "mnist", "mnist-conv", "deep-convnet");

    @Test
    void everyExampleIsAnAnnotatedCallableCommandInListingOrder() {
        List<Object> commands = Examples.commands();
        assertThat(commands.stream().map(c -> c.getClass().getAnnotation(Command.class).name()).toList()).isEqualTo(NAMES);
        for (Object c : commands) {
            Command annotation = c.getClass().getAnnotation(Command.class);
            assertThat(annotation.mixinStandardHelpOptions()).as(annotation.name()).isTrue();
            assertThat(annotation.description()).as(annotation.name()).hasSize(1);
            assertThat(annotation.description()[0]).as(annotation.name()).isNotBlank().doesNotContain("\n");
            assertThat(c).as(annotation.name()).isInstanceOf(Callable.class);
        }
        assertThat(Examples.commands().getFirst()).isNotSameAs(commands.getFirst()); // new objects each call
    }

    @Test
    void helpShowsEveryOptionWithItsDefaultAndAnExampleCommandLine() {
        for (Object c : Examples.commands()) {
            var cl = new CommandLine(c);
            String name = cl.getCommandName();
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(help).as(name).contains("./jgrad example " + name);
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp()) continue;
                assertThat(String.join(" ", o.description())).as(name + " " + o.longestName()).contains("default");
            }
            assertThat(help).as(name).doesNotContain("${").contains("--out=DIR").contains("runs/" + name + "/)");
            OptionSpec out = cl.getCommandSpec().findOption("--out");
            assertThat(out.defaultValue()).isEqualTo("runs/" + name + "/");
        }
    }

    @Test
    void versionPrintsTheJgradVersion() {
        for (Object c : Examples.commands()) {
            Cli.Ran ran = Cli.execute(c, "--version");
            assertThat(ran.exitCode()).isZero();
            assertThat(ran.out().strip()).isEqualTo("jgrad " + jgrad.Version.current());
        }
    }

    @Test
    void mnistBasedExamplesTakeLimit() {
        for (Object c : Examples.commands()) {
            var cl = new CommandLine(c);
            boolean mnist = List.of("two-layer-net", "optimizers", "weight-init", "batch-norm", "overfitting", "mnist", "mnist-conv",
                    "deep-convnet").contains(cl.getCommandName());
            assertThat(cl.getCommandSpec().findOption("--limit") != null).as(cl.getCommandName()).isEqualTo(mnist);
        }
    }

    @Test
    void aBadValueIsAParameterExceptionWithExitCodeTwo() {
        for (String[] args : List.of(new String[] {"--steps", "0"}, new String[] {"--steps", "x"}, new String[] {"--nope"})) {
            Cli.Ran ran = Cli.execute(new Moons(), args);
            assertThat(ran.exitCode()).isEqualTo(2);
            assertThat(ran.err()).contains("--");
        }
        Cli.Ran bad = Cli.execute(new TwoLayerNetMnist(), "--gradient", "symbolic");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("expected one of numerical|backprop|autograd but was 'symbolic'");
    }

    @Test
    void mainListsRunsAndGivesOneLineUsageErrors() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"example"}, o, e)).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("  moons ").contains("reaches 100%;").doesNotContain("%%");
        assertThat(Main.run(new String[] {"example", "nope"}, o, e)).isEqualTo(2);
        assertThat(Main.run(new String[] {"frobnicate"}, o, e)).isEqualTo(2);
        err.reset();
        assertThat(Main.run(new String[] {"example", "xor", "--iterations", "0"}, o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).hasSize(1)
                .first().asString().startsWith("jgrad: xor: --hidden and --iterations must be >= 1");
        err.reset();
        assertThat(Main.run(new String[] {"example", "iris", "--file", "/nonexistent/iris.csv"}, o, e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/nonexistent/iris.csv");
    }

    @Test
    void outputGoesToThePicocliWriterInUtf8() {
        var writer = new StringWriter();
        PrintStream stream = Output.stream(new java.io.PrintWriter(writer));
        stream.printf("x0² + x1² = %d%n", 25);
        stream.print("and more");
        assertThat(writer.toString()).isEqualTo("x0² + x1² = 25" + System.lineSeparator() + "and more");
    }
}
