package dev.hypersphere.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's "What is here" table names every module of the build, and promises none of them for later. */
class ReadmeModulesTest {

    @Test
    void everyModuleHasARowInTheTable() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();   // tests run in hypersphere-cli/
        String pom = Files.readString(root.resolve("pom.xml"));
        String readme = Files.readString(root.resolve("README.md"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        int modules = 0;
        while (module.find()) {
            modules++;
            assertTrue(readme.contains("| `" + module.group(1) + "` |"), module.group(1) + " has no row in README.md's module table");
        }
        assertTrue(modules >= 10, "read " + modules + " modules from " + root.resolve("pom.xml"));
        assertFalse(readme.contains("arrive later"), "README.md still says that landed modules arrive later");
    }
}
