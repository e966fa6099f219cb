package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps {@code rl-bom} complete: it manages every published module, the test-jars the modules build and
 * the ND4J artifacts the README tells users to add, at the parent pom's ND4J version.
 */
class BomTest {

  private static final Path ROOT = Path.of("..");
  private static final Document PARENT = read(ROOT.resolve("pom.xml"));
  private static final Document BOM = read(ROOT.resolve("rl-bom").resolve("pom.xml"));

  /** The ND4J artifacts users add, as {@code artifactId} or {@code artifactId:classifier}. */
  private static final List<String> ND4J = List.of("nd4j-api", "nd4j-native", "nd4j-native:linux-x86_64",
      "nd4j-native:windows-x86_64", "nd4j-native:macosx-x86_64", "nd4j-native:macosx-arm64", "nd4j-native:linux-arm64",
      "nd4j-native-platform");

  private static Document read(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(pom.toFile());
    } catch (Exception e) {
      throw new AssertionError("cannot read " + pom.toAbsolutePath().normalize() + ": " + e, e);
    }
  }

  /** The text of the first node at a path (local names, namespace ignored), or null. */
  private static String text(Node context, String path) {
    NodeList nodes = nodes(context, path);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }

  private static NodeList nodes(Node context, String path) {
    StringBuilder xpath = new StringBuilder(path.startsWith("/") ? "" : ".");
    for (String step : path.split("/")) {
      if (!step.isEmpty()) {
        xpath.append("/*[local-name()='").append(step).append("']");
      }
    }
    try {
      XPath x = XPathFactory.newInstance().newXPath();
      return (NodeList) x.evaluate(xpath.toString(), context, XPathConstants.NODESET);
    } catch (Exception e) {
      throw new AssertionError("bad path " + path, e);
    }
  }

  /**
   * The BOM's managed dependencies by {@code groupId:artifactId[:classifier][@type]}, each with its version
   * as written.
   */
  private static Map<String, String> managed() {
    Map<String, String> managed = new LinkedHashMap<>();
    NodeList deps = nodes(BOM, "/project/dependencyManagement/dependencies/dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      String classifier = text(d, "classifier");
      String type = text(d, "type");
      String key = text(d, "groupId") + ":" + text(d, "artifactId") + (classifier == null ? "" : ":" + classifier)
          + (type == null || type.equals("jar") ? "" : "@" + type);
      assertFalse(managed.containsKey(key), "rl-bom manages " + key + " twice");
      managed.put(key, text(d, "version"));
    }
    return managed;
  }

  private static String parentNd4jVersion() {
    String version = text(PARENT, "/project/properties/nd4j.version");
    assertTrue(version != null && !version.isEmpty(), "the parent pom has no nd4j.version property");
    return version;
  }

  /** The modules of the parent pom that are deployed: not pom-packaged, not skipped by maven.deploy.skip. */
  private static List<String> publishedModules() {
    List<String> published = new ArrayList<>();
    NodeList modules = nodes(PARENT, "/project/modules/module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().trim();
      Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
      String packaging = text(pom, "/project/packaging");
      boolean skipped = "true".equals(text(pom, "/project/properties/maven.deploy.skip"));
      if (!"pom".equals(packaging) && !skipped) {
        published.add(text(pom, "/project/artifactId"));
      }
    }
    assertFalse(published.isEmpty(), "no published module found in the parent pom");
    return published;
  }

  @Test
  void theBomManagesNd4jAtTheVersionOfTheParentPom() {
    String parent = parentNd4jVersion();
    String bom = text(BOM, "/project/properties/nd4j.version");

    assertEquals(parent, bom, "rl-bom's nd4j.version must be the parent pom's, which rl-core is built with");
    managed().forEach((key, version) -> {
      if (key.startsWith("org.nd4j:")) {
        assertEquals("${nd4j.version}", version, key + " in rl-bom must have the version ${nd4j.version}");
      }
    });
  }

  @Test
  void theBomManagesEveryNd4jArtifactThatUsersAdd() {
    Set<String> managed = managed().keySet();
    for (String artifact : ND4J) {
      assertTrue(managed.contains("org.nd4j:" + artifact), () -> "rl-bom does not manage org.nd4j:" + artifact);
    }
  }

  /** Every platform classifier that the README tells users to add is managed too. */
  @Test
  void theBomManagesEveryNd4jClassifierThatTheReadmeNames() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Set<String> named = new TreeSet<>();
    Matcher m = Pattern.compile("\\b(?:linux|windows|macosx|android|ios)-(?:x86_64|x86|arm64|armhf|ppc64le)\\b")
        .matcher(readme);
    while (m.find()) {
      named.add(m.group());
    }
    Set<String> managed = managed().keySet();
    for (String classifier : named) {
      assertTrue(managed.contains("org.nd4j:nd4j-native:" + classifier),
          () -> "the README names the classifier " + classifier + ", which rl-bom does not manage for nd4j-native");
    }
  }

  @Test
  void theBomManagesEveryPublishedModuleAtTheProjectVersion() {
    Map<String, String> managed = managed();
    for (String module : publishedModules()) {
      String key = "io.github.pgrl:" + module;
      assertTrue(managed.containsKey(key), () -> "rl-bom does not manage the published module " + module);
      assertEquals("${project.version}", managed.get(key), key + " in rl-bom must have the version ${project.version}");
    }
    assertTrue(publishedModules().containsAll(List.of("rl-core", "rl-envs", "rl-examples")), publishedModules()::toString);
  }

  @Test
  void theBomManagesTheTestJarsThatModulesBuild() {
    Map<String, String> managed = managed();
    List<String> withTestJars = new ArrayList<>();
    for (String module : publishedModules()) {
      Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
      NodeList goals = nodes(pom, "/project/build/plugins/plugin/executions/execution/goals/goal");
      for (int i = 0; i < goals.getLength(); i++) {
        if (goals.item(i).getTextContent().trim().equals("test-jar")) {
          withTestJars.add(module);
        }
      }
    }
    assertTrue(withTestJars.contains("rl-core"), "rl-core no longer builds the test-jar with EnvironmentContract");
    for (String module : withTestJars) {
      String key = "io.github.pgrl:" + module + "@test-jar";
      assertTrue(managed.containsKey(key), () -> "rl-bom does not manage the test-jar of " + module);
      assertEquals("${project.version}", managed.get(key), key);
    }
  }

  @Test
  void theBomHasNoParentAndTheProjectsVersion() {
    assertEquals(0, nodes(BOM, "/project/parent").getLength(), "rl-bom must not inherit the build of the parent pom");
    assertEquals(text(PARENT, "/project/version"), text(BOM, "/project/version"));
    assertEquals(text(PARENT, "/project/groupId"), text(BOM, "/project/groupId"));
  }
}
