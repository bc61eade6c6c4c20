package dev.keymint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jvm.options}, which spring-boot:run, the container image and the benchmark start keymint
 * with, is accepted by the JDK that builds keymint (21 or newer) without a word of warning.
 */
class JvmOptionsTest {

    @Test
    void theJdkAcceptsJvmOptionsSilently() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "@jvm.options", "-XshowSettings:vm", "-version"))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.toLowerCase()).as(output).doesNotContain("warning").doesNotContain("unrecognized");
        // the fixed heap took effect: 88 MB
        assertThat(output).contains("Max. Heap Size: 88.00M");
    }
}
