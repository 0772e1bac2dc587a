package io.apogee.namesrv;

import io.apogee.common.daemon.DaemonCommandLine;
import io.apogee.remoting.tls.TlsConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;
import org.apache.commons.cli.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mqnamesrv}: reads the command line and config file, prints or starts the name server, and
 * stops it gracefully on SIGTERM. Exit codes: 0 after {@code -p}/{@code -h}, 1 on bad arguments or
 * config, 2 when the server cannot start; after a signal, the JVM's own (143 for SIGTERM) once the
 * graceful stop is done.
 */
public final class NamesrvStartup {
    private static final Logger LOG = LoggerFactory.getLogger(NamesrvStartup.class);

    private NamesrvStartup() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        DaemonCommandLine.Parsed parsed = new DaemonCommandLine("mqnamesrv", "name server config file (key=value)")
                .withOption(Option.builder("n").longOpt("namesrvAddr").hasArg()
                        .desc("accepted for compatibility; a name server needs no name server").build())
                .parse(args, out, err);
        if (parsed.exitCode() != null) {
            return parsed.exitCode();
        }
        NamesrvConfig config = new NamesrvConfig();
        try {
            List<String> unknown = config.apply(parsed.config());
            // The tls.* keys of the same file are read by TlsConfig below.
            unknown.removeIf(key -> key.startsWith("tls."));
            if (!unknown.isEmpty()) {
                err.println("mqnamesrv: ignoring unknown config keys " + unknown);
            }
        } catch (IllegalArgumentException e) {
            err.println("mqnamesrv: " + e.getMessage());
            return DaemonCommandLine.EXIT_USAGE;
        }
        if (parsed.printConfigOnly()) {
            out.print(config.describe());
            return DaemonCommandLine.EXIT_OK;
        }
        Properties tlsProperties = new Properties();
        tlsProperties.putAll(parsed.config());
        tlsProperties.putAll(System.getProperties());
        NamesrvController controller;
        try {
            controller = new NamesrvController(config, TlsConfig.from(tlsProperties));
            controller.start();
        } catch (IOException | RuntimeException e) {
            err.println("mqnamesrv: cannot start: " + e.getMessage());
            LOG.error("name server failed to start", e);
            return DaemonCommandLine.EXIT_START_FAILED;
        }
        out.println("The Name Server boot success. serializeType=JSON, address " + config.bindAddress() + ":"
                + controller.port());
        out.flush();
        return DaemonCommandLine.runUntilStopped(controller::shutdown, "namesrv-shutdown");
    }
}
