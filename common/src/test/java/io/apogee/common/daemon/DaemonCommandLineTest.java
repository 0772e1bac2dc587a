package io.apogee.common.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonCommandLineTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private DaemonCommandLine.Parsed parse(String... args) {
        return new DaemonCommandLine("mqtest", "config file")
                .withOption(Option.builder("n").hasArg().desc("name servers").build())
                .parse(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void readsTheConfigFileAndTheDaemonsOwnOptions() throws Exception {
        Path file = dir.resolve("test.conf");
        Files.writeString(file, "listenPort=1234\n# a comment\nbrokerName=b\n");
        DaemonCommandLine.Parsed parsed = parse("-c", file.toString(), "-n", "127.0.0.1:9876", "-p");
        assertThat(parsed.exitCode()).isNull();
        assertThat(parsed.config()).containsEntry("listenPort", "1234").containsEntry("brokerName", "b").hasSize(2);
        assertThat(parsed.line().getOptionValue('n')).isEqualTo("127.0.0.1:9876");
        assertThat(parsed.printConfigOnly()).isTrue();
    }

    @Test
    void showsHelpAndRefusesWhatItCannotUse() {
        assertThat(parse("-h").exitCode()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: mqtest").contains("-c");
        assertThat(parse("-x").exitCode()).isEqualTo(DaemonCommandLine.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("mqtest: Unrecognized option: -x");
        assertThat(parse("-c", dir.resolve("missing.conf").toString()).exitCode()).isEqualTo(DaemonCommandLine.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read config file");
    }
}
