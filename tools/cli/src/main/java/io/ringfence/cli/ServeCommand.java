package io.ringfence.cli;

import io.ringfence.EngineConfig;
import io.ringfence.api.Durability;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.StoreCapacities;
import io.ringfence.models.rules.RulesCheck;
import io.ringfence.models.rules.RulesRefusedException;
import io.ringfence.server.ApiKeys;
import io.ringfence.server.RingfenceServer;
import io.ringfence.server.ServedEngine;
import io.ringfence.server.ServerConfig;
import io.ringfence.server.TerminationSignals;
import io.ringfence.server.http.HttpDoor;
import io.ringfence.server.iso8583.Iso8583Door;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ringfence serve}: the engine behind its network doors, ISO 8583 and HTTP/JSON, until SIGTERM. The work is
 * the server module's; this parses, checks that the secrets are there, and prints one line per door.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Starts the engine with an ISO 8583 door (acquirer links: jPOS NACChannel + ISO87BPackager by"
        + " default) and an HTTP/JSON door (gateways), and serves until SIGTERM or Ctrl-C, which drain outstanding"
        + " requests, close the journal and exit 0.",
        "Secrets: the fingerprint key from --fingerprint-key-file or " + ServeCommand.KEY_VARIABLE + " (64+ hex"
            + " digits; 'ringfence keygen' makes one); API keys from --api-keys or " + ApiKeys.ENVIRONMENT_VARIABLE
            + " (comma-separated)."})
public final class ServeCommand implements Callable<Integer> {
    /** The environment variable holding the fingerprint key when no file is given. */
    static final String KEY_VARIABLE = "RINGFENCE_FINGERPRINT_KEY";

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
        description = "A properties file of these options without their dashes (http-port=8080); the command line"
            + " wins over it.")
    private Path config;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "The address both doors listen on (default ${DEFAULT-VALUE}).")
    private String bind;

    @Option(names = "--iso8583-port", paramLabel = "PORT", defaultValue = "8583",
        description = "The ISO 8583 door's port; -1 for none (default ${DEFAULT-VALUE}).")
    private int isoPort;

    @Option(names = "--iso8583-format", paramLabel = "FORMAT", defaultValue = "BINARY",
        description = "BINARY: 2-byte length, binary bitmap, BCD (jPOS NACChannel + ISO87BPackager); ASCII: 4-digit"
            + " length, hex bitmap (ASCIIChannel + ISO87APackager). Default ${DEFAULT-VALUE}.")
    private ServerConfig.IsoWireFormat isoFormat;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
        description = "The HTTP door's port; -1 for none (default ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Journal every input and decision in DIR and recover from it on start; default no journal.")
    private Path journal;

    @Option(names = "--durability", paramLabel = "MODE",
        description = "With --journal: ${COMPLETION-CANDIDATES} (default PROCESS_CRASH).")
    private Durability durability;

    @Mixin
    private ModelOption model;

    @Option(names = "--rules", paramLabel = "FILE", description = "A rules file to put in force at start.")
    private Path rules;

    @Option(names = "--api-keys", paramLabel = "FILE",
        description = "API keys for the HTTP door, one per line (else " + ApiKeys.ENVIRONMENT_VARIABLE + ").")
    private Path apiKeys;

    @Option(names = "--insecure-no-auth", description = "Serve the HTTP door without API keys (development only).")
    private boolean insecureNoAuth;

    @Option(names = "--fingerprint-key-file", paramLabel = "FILE",
        description = "The installation's fingerprint key, 64+ hex digits (else " + KEY_VARIABLE + ").")
    private Path fingerprintKeyFile;

    @Option(names = "--http-tls-cert", paramLabel = "PEM", description = "TLS certificate chain for the HTTP door.")
    private Path httpTlsCert;

    @Option(names = "--http-tls-key", paramLabel = "PEM", description = "Its PKCS#8 private key.")
    private Path httpTlsKey;

    @Option(names = "--iso8583-tls-cert", paramLabel = "PEM", description = "TLS certificate chain for the ISO 8583 door.")
    private Path isoTlsCert;

    @Option(names = "--iso8583-tls-key", paramLabel = "PEM", description = "Its PKCS#8 private key.")
    private Path isoTlsKey;

    @Option(names = "--iso8583-client-ca", paramLabel = "PEM",
        description = "Require ISO 8583 clients to present a certificate from this CA (mutual TLS).")
    private Path isoClientCa;

    @Option(names = "--card-capacity", paramLabel = "N", defaultValue = "" + StoreCapacities.CARDS_DEFAULT,
        description = "Cards the engine holds (default ${DEFAULT-VALUE}).")
    private int cardCapacity;

    @Option(names = "--deadline", paramLabel = "D", converter = DurationArgument.class, defaultValue = "50ms",
        description = "How long a request waits for the engine before its stand-in answer (default ${DEFAULT-VALUE}).")
    private Duration deadline;

    @Option(names = "--warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Before opening, decide synthetic authorizations in a throwaway engine, so the first real ones"
            + " are not stand-ins while the JVM compiles (default on).")
    private boolean warmUp;

    @Option(names = "--io-spin", paramLabel = "D", converter = DurationArgument.class, defaultValue = "10ms",
        description = "How long the I/O thread keeps polling after its last request before it sleeps in epoll; 0 to"
            + " sleep whenever nothing is outstanding, when the callers share the server's cores (default"
            + " ${DEFAULT-VALUE}).")
    private Duration ioSpin;

    @Option(names = "--drain-grace", paramLabel = "D", converter = DurationArgument.class, defaultValue = "10s",
        description = "How long SIGTERM lets outstanding requests finish (default ${DEFAULT-VALUE}).")
    private Duration drainGrace;

    @Option(names = "--idle-timeout", paramLabel = "D", converter = DurationArgument.class, defaultValue = "5m",
        description = "Close a connection silent this long (default ${DEFAULT-VALUE}).")
    private Duration idleTimeout;

    @Option(names = "--max-frame-bytes", paramLabel = "N", defaultValue = "4096",
        description = "The longest ISO 8583 message accepted (default ${DEFAULT-VALUE}).")
    private int maxFrameBytes;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "16384",
        description = "The largest HTTP body accepted; larger gets 413 (default ${DEFAULT-VALUE}).")
    private int maxBodyBytes;

    @Override
    public Integer call() {
        if (config != null && spec.commandLine().getDefaultValueProvider() == null) {
            return ConfigFile.rerunWith(spec, config);
        }
        final ServerConfig serverConfig;
        final EngineConfig engineConfig;
        final EngineConfig scratchConfig;
        final Path scratchJournal;
        try {
            serverConfig = serverConfig();
            engineConfig = engineConfig(journal);
            scratchJournal = warmUp && journal != null ? Files.createTempDirectory("ringfence-warm-up") : null;
            scratchConfig = warmUp ? engineConfig(scratchJournal) : null;
        } catch (final IllegalArgumentException | UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (final IOException e) {
            return CommandFailures.report(spec, "cannot make a directory for the warm-up's journal: "
                + CommandFailures.describe(e));
        }
        final Path modelDirectory = model.directory();
        if (rules != null) {
            try {
                RulesCheck.check(rules);
            } catch (final RulesRefusedException e) {
                return RulesCommand.refused(spec, e);
            }
        }
        final RingfenceServer server;
        try {
            server = RingfenceServer.start(serverConfig, ServedEngine.starter(engineConfig, scratchConfig,
                modelDirectory, rules), Iso8583Door::new, HttpDoor::new);
        } catch (final IllegalStateException | IllegalArgumentException e) {
            return CommandFailures.report(spec, e.getMessage());
        } finally {
            deleteQuietly(scratchJournal);
        }
        TerminationSignals.onTermination(server::drainAndClose);
        final PrintWriter out = spec.commandLine().getOut();
        out.println("ringfence serve: engine ready (" + (modelDirectory == null ? "built-in policy" : "model "
            + modelDirectory) + (journal == null ? ", no journal" : ", journal " + journal) + ")");
        if (server.isoPort() != ServerConfig.DISABLED) {
            out.println("ringfence serve: ISO 8583 door ready on " + serverConfig.bind().getHostAddress() + ':'
                + server.isoPort() + " (" + serverConfig.isoWireFormat() + (serverConfig.isoTls() == null ? ""
                : serverConfig.isoTls().clientCa() == null ? ", TLS" : ", mutual TLS") + ')');
        }
        if (server.httpPort() != ServerConfig.DISABLED) {
            out.println("ringfence serve: HTTP door ready on " + serverConfig.bind().getHostAddress() + ':'
                + server.httpPort() + " (" + (serverConfig.httpTls() == null ? "http" : "https")
                + (serverConfig.insecureNoAuth() ? ", NO AUTHENTICATION" : ", " + serverConfig.apiKeys().size()
                + " API keys") + ')');
        }
        out.flush();
        try {
            Thread.currentThread().join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private ServerConfig serverConfig() {
        final Set<String> keys;
        if (apiKeys != null) {
            keys = ApiKeys.readFile(apiKeys);
        } else {
            final String fromEnvironment = System.getenv(ApiKeys.ENVIRONMENT_VARIABLE);
            keys = fromEnvironment == null ? Set.of() : ApiKeys.parseList(fromEnvironment);
        }
        final ServerConfig.Builder builder = ServerConfig.builder()
            .bind(address(bind))
            .isoPort(isoPort)
            .httpPort(httpPort)
            .isoWireFormat(isoFormat)
            .apiKeys(keys)
            .insecureNoAuth(insecureNoAuth)
            .maxFrameBytes(maxFrameBytes)
            .maxBodyBytes(maxBodyBytes)
            .idleTimeout(idleTimeout)
            .drainGrace(drainGrace)
            .ioSpin(ioSpin);
        if (httpTlsCert != null || httpTlsKey != null) {
            require(httpTlsCert != null && httpTlsKey != null, "--http-tls-cert and --http-tls-key go together");
            builder.httpTls(new ServerConfig.TlsFiles(httpTlsCert, httpTlsKey, null));
        }
        if (isoTlsCert != null || isoTlsKey != null || isoClientCa != null) {
            require(isoTlsCert != null && isoTlsKey != null,
                "--iso8583-tls-cert and --iso8583-tls-key go together (and --iso8583-client-ca needs both)");
            builder.isoTls(new ServerConfig.TlsFiles(isoTlsCert, isoTlsKey, isoClientCa));
        }
        return builder.build();
    }

    /**
     * The engine journaling in {@code journalDirectory}, or without a journal when null. The warm-up's scratch engine
     * journals to a directory of its own, thrown away after, so that the journal's code is compiled too.
     */
    private EngineConfig engineConfig(final Path journalDirectory) {
        final EngineConfig.Builder builder = EngineConfig.builder()
            .cardCapacity(cardCapacity)
            .defaultDeadline(deadline);
        if (fingerprintKeyFile != null) {
            builder.fingerprintKeyFile(fingerprintKeyFile);
        } else if (System.getenv(KEY_VARIABLE) != null) {
            builder.fingerprintKeyFromEnvironment(KEY_VARIABLE);
        } else {
            throw new IllegalArgumentException("no fingerprint key: give --fingerprint-key-file FILE or set "
                + KEY_VARIABLE + " (make one with 'ringfence keygen'); the development key is for the demo and tests");
        }
        require(durability == null || journal != null, "--durability goes with --journal");
        if (journalDirectory != null) {
            builder.journal(JournalConfig.in(journalDirectory).withDurability(durability == null ? Durability.PROCESS_CRASH
                : durability));
        }
        return builder.build();
    }

    private static void deleteQuietly(final Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (final IOException | UncheckedIOException e) {
            // A temporary directory left behind costs a little disk, not a failed start.
        }
    }

    private static InetAddress address(final String value) {
        try {
            return InetAddress.getByName(value);
        } catch (final UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + value + " is not an address of this machine", e);
        }
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Only for {@link ConfigFile}: a fresh command to parse the same arguments under the file's defaults. */
    static CommandLine freshCommandLine(final CommandSpec original) {
        return new CommandLine(new ServeCommand())
            .setOut(original.commandLine().getOut())
            .setErr(original.commandLine().getErr())
            .setParameterExceptionHandler(original.commandLine().getParameterExceptionHandler());
    }
}
