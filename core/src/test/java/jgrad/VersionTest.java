package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VersionTest {
    /** Maven filters the resource, so the version at run time is the parent POM's, not "dev". */
    @Test
    void currentIsTheParentPomVersion() throws IOException {
        String pom = Files.readString(Path.of("../pom.xml"));
        Matcher m = Pattern.compile("<artifactId>jgrad-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).as("parent POM version").isTrue();
        assertThat(Version.current()).isEqualTo(m.group(1)).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
