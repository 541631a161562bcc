package io.ringfence.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing GPL or AGPL ships in {@code ringfence.jar}: every runtime dependency's licenses are read from its POM (or
 * its parents'), and a dependency offered only under the GPL or AGPL fails the build. A dual-licensed one (JNA: LGPL
 * or Apache) passes on its permissive licence; the LGPL is not the GPL. The runtime classpath comes from the build
 * ({@code maven-dependency-plugin:build-classpath}, runtime scope), so test-only dependencies are not counted.
 */
class RuntimeLicensesTest {
    private static final Pattern LICENSE = Pattern.compile("<license>(.*?)</license>", Pattern.DOTALL);
    private static final Pattern NAME_OR_URL = Pattern.compile("<(?:name|url)>\\s*([^<]*?)\\s*</(?:name|url)>");
    private static final Pattern PARENT = Pattern.compile("<parent>(.*?)</parent>", Pattern.DOTALL);
    /** One element of a parent reference: POMs list them in any order (Netty's name the artifact first). */
    private static final Pattern ELEMENT = Pattern.compile("<(groupId|artifactId|version)>\\s*([^<]+?)\\s*</\\1>");
    /** The GPL and AGPL by name or address, but not the LGPL. */
    private static final Pattern COPYLEFT = Pattern.compile(
        "(?i)(?<!lesser )(?<!l)(\\bA?GPL|general public licen[cs]e|licenses/a?gpl|gnu\\.org/licenses/(?!lgpl))");
    private static final Pattern LESSER = Pattern.compile("(?i)(lgpl|lesser general public)");

    @Test
    void noRuntimeDependencyIsOfferedOnlyUnderTheGplOrAgpl() throws IOException {
        final Path listing = Path.of(System.getProperty("ringfence.runtimeClasspathFile", "target/runtime-classpath.txt"));
        assertTrue(Files.isRegularFile(listing), "no runtime classpath listing at " + listing);
        final List<String> problems = new ArrayList<>();
        int checked = 0;
        for (final String entry : Files.readString(listing).strip().split(File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !entry.contains("/repository/")) {
                continue;
            }
            final Path jar = Path.of(entry);
            final List<String> licenses = licenses(jar.resolveSibling(pomName(jar)), repositoryRoot(jar), 0);
            checked++;
            if (licenses.isEmpty()) {
                problems.add(jar.getFileName() + ": no licence declared in its POM or its parents'");
            } else if (licenses.stream().allMatch(RuntimeLicensesTest::isGplOrAgpl)) {
                problems.add(jar.getFileName() + ": only " + licenses);
            }
        }
        assertTrue(checked > 10, "read only " + checked + " runtime jars from " + listing);
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void theGplAndAgplAreRecognisedAndTheLgplIsNot() {
        assertTrue(isGplOrAgpl("GNU Affero General Public License v3 https://www.gnu.org/licenses/agpl-3.0.html"));
        assertTrue(isGplOrAgpl("GPL-2.0-only"));
        assertFalse(isGplOrAgpl("LGPL-2.1-or-later https://www.gnu.org/licenses/lgpl-2.1.html"));
        assertFalse(isGplOrAgpl("GNU Lesser General Public License"));
        assertFalse(isGplOrAgpl("Apache License, Version 2.0 https://www.apache.org/licenses/LICENSE-2.0.txt"));
    }

    private static boolean isGplOrAgpl(final String license) {
        return COPYLEFT.matcher(license).find() && !LESSER.matcher(license).find();
    }

    /** The POM's licences, or its parent's when it declares none. */
    private static List<String> licenses(final Path pom, final Path repository, final int depth) throws IOException {
        if (depth > 10 || !Files.isRegularFile(pom)) {
            return List.of();
        }
        final String text = Files.readString(pom);
        final List<String> licenses = new ArrayList<>();
        final Matcher license = LICENSE.matcher(text);
        while (license.find()) {
            final StringBuilder described = new StringBuilder();
            final Matcher field = NAME_OR_URL.matcher(license.group(1));
            while (field.find()) {
                described.append(described.length() == 0 ? "" : " ").append(field.group(1));
            }
            licenses.add(described.toString());
        }
        if (!licenses.isEmpty()) {
            return licenses;
        }
        final Matcher parent = PARENT.matcher(text);
        if (!parent.find()) {
            return List.of();
        }
        final Map<String, String> coordinates = new HashMap<>();
        final Matcher element = ELEMENT.matcher(parent.group(1));
        while (element.find()) {
            coordinates.put(element.group(1), element.group(2));
        }
        final String artifact = coordinates.get("artifactId");
        final String version = coordinates.get("version");
        final Path parentPom = repository.resolve(coordinates.get("groupId").replace('.', '/')).resolve(artifact)
            .resolve(version).resolve(artifact + "-" + version + ".pom");
        return licenses(parentPom, repository, depth + 1);
    }

    private static String pomName(final Path jar) {
        final String name = jar.getFileName().toString();
        final String version = jar.getParent().getFileName().toString();
        final String artifact = jar.getParent().getParent().getFileName().toString();
        return name.startsWith(artifact + "-" + version) ? artifact + "-" + version + ".pom" : name.replace(".jar", ".pom");
    }

    private static Path repositoryRoot(final Path jar) {
        Path path = jar;
        while (path != null && !path.getFileName().toString().equals("repository")) {
            path = path.getParent();
        }
        return path;
    }
}
