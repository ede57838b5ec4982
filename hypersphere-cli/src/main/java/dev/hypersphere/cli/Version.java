package dev.hypersphere.cli;

import picocli.CommandLine;

/** The version line: this build and the engine it runs on. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = HypersphereCommand.class.getPackage().getImplementationVersion();
        return new String[] {"hypersphere " + (version == null ? "(development build)" : version)
                + ", DJL 0.36 on PyTorch 2.7.1, Java " + Runtime.version()};
    }
}
