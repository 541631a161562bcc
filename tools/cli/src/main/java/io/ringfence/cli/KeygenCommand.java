package io.ringfence.cli;

import io.ringfence.EngineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ringfence keygen}: a new fingerprint key, in the form the engine reads from a file or the environment. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Prints a new installation secret for the card fingerprint: 32 random bytes as 64 hex digits.",
        "Keep it in a file only the engine can read (EngineConfig fingerprintKeyFile) or in an environment variable"
            + " (fingerprintKeyFromEnvironment). A journal belongs to the key it was written under."})
public final class KeygenCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(EngineConfig.newFingerprintKeyHex());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
