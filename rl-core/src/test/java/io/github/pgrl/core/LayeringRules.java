package io.github.pgrl.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The architecture rules of pgrl as reusable ArchUnit rules, so that every module checks its own classes
 * against the same layering.
 *
 * <p>They encode the rules of {@code docs/ARCHITECTURE.md} (its sections "Contracts and their rules" and
 * "Architecture rules (ArchUnit)", which gives each rule's reason): ND4J stays inside the implementations
 * (the contracts and their plain helpers do not touch it, and no public signature mentions an ND4J type);
 * the engine ({@code io.github.pgrl.core.internal}) stays behind the policies (only they and the trainer
 * use it, and no public signature outside it mentions its types); every random choice comes from an
 * explicit, seeded generator; libraries log instead of printing. {@code rl-core} applies them in {@code
 * LayeringTest}; another module applies them to its own main classes:
 *
 * <pre>{@code
 * JavaClasses classes = LayeringRules.mainClasses("io.github.pgrl.envs");
 * LayeringRules.noNd4jInPublicSignatures("io.github.pgrl.envs").check(classes);
 * LayeringRules.ONLY_THE_IMPLEMENTATIONS_USE_THE_ENGINE.check(classes);
 * LayeringRules.noEngineTypesInPublicSignatures("io.github.pgrl.envs").check(classes);
 * LayeringRules.NO_UNSEEDED_RANDOMNESS.check(classes);
 * LayeringRules.NO_CONSOLE_OUTPUT.check(classes);
 * }</pre>
 *
 * <p>The rules keep ArchUnit's default of failing when they match no class at all, so a renamed package
 * cannot make them pass vacuously.
 *
 * @since 0.1.0
 */
public final class LayeringRules {

  /** The page that explains the rules, relative to the repository's root. */
  static final String PAGE = "docs/ARCHITECTURE.md";

  /** The section of {@link #PAGE} that lists the rules with their reasons. */
  static final String SECTION = "Architecture rules (ArchUnit)";

  /** Appended to every rule's reason, so that a failure says where to read more. */
  private static final String WHERE = " (" + PAGE + ", \"" + SECTION + "\")";

  /** The packages of ND4J. */
  public static final String ND4J_PACKAGES = "org.nd4j..";

  /**
   * The packages of {@code rl-core} that must not use ND4J at all: the contracts at the root (that package
   * only, not its subpackages), spaces, credit assignment, reward shaping, the checker, the wrappers, the
   * evaluation of policies, the normalisers and the actor-critic trainers.
   */
  public static final List<String> CORE_PACKAGES_WITHOUT_ND4J = List.of(
      "io.github.pgrl.core",
      "io.github.pgrl.core.space",
      "io.github.pgrl.core.credit",
      "io.github.pgrl.core.shaping",
      "io.github.pgrl.core.check",
      "io.github.pgrl.core.wrappers",
      "io.github.pgrl.core.eval",
      "io.github.pgrl.core.normalize",
      "io.github.pgrl.core.actorcritic");

  /** No class in {@link #CORE_PACKAGES_WITHOUT_ND4J} depends on a class of ND4J. */
  public static final ArchRule CORE_PACKAGES_DO_NOT_DEPEND_ON_ND4J =
      packagesDoNotDependOnNd4j(CORE_PACKAGES_WITHOUT_ND4J.toArray(String[]::new));

  /** The package of the compute engine behind the policies, which is not API. */
  public static final String ENGINE_PACKAGE = "io.github.pgrl.core.internal";

  /**
   * The packages whose classes may use the engine besides the engine itself: the policies that it
   * computes ({@code core.policy}) and the trainers ({@code core.reinforce}, {@code core.actorcritic}),
   * which share the checks of a policy against an environment and the guard of a training thread kept
   * there, and hand the engine's record the non-zero indices of {@link SparseObservations} environments.
   */
  public static final List<String> ENGINE_USERS = List.of("io.github.pgrl.core.policy", "io.github.pgrl.core.reinforce",
      "io.github.pgrl.core.actorcritic");

  /** Only the classes of the engine and of {@link #ENGINE_USERS} depend on the engine. */
  public static final ArchRule ONLY_THE_IMPLEMENTATIONS_USE_THE_ENGINE = onlyTheImplementationsUseTheEngine();

  /**
   * No class calls or references a source of unseeded or global randomness: {@code Math.random()}, {@code
   * StrictMath.random()}, the no-argument constructors of {@code java.util.Random} and {@code
   * java.util.SplittableRandom}, {@code ThreadLocalRandom.current()}, {@code RandomGenerator.getDefault()}
   * or {@code org.nd4j.linalg.factory.Nd4j.getRandom()}. Seeded constructors are fine.
   */
  public static final ArchRule NO_UNSEEDED_RANDOMNESS = noClasses()
      .should().accessTargetWhere(anyOf(
          target("java.lang.Math", "random", true),
          target("java.lang.StrictMath", "random", true),
          target("java.util.Random", JavaConstructor.CONSTRUCTOR_NAME, true),
          target("java.util.SplittableRandom", JavaConstructor.CONSTRUCTOR_NAME, true),
          target("java.util.concurrent.ThreadLocalRandom", "current", true),
          target("java.util.random.RandomGenerator", "getDefault", true),
          target("org.nd4j.linalg.factory.Nd4j", "getRandom", true)))
      .because("every random choice takes an explicit generator derived from one master seed" + WHERE);

  /** No class reads {@code System.out} or {@code System.err}, or prints a stack trace to the console. */
  public static final ArchRule NO_CONSOLE_OUTPUT = noClasses()
      .should().accessTargetWhere(anyOf(
          target("java.lang.System", "out", false),
          target("java.lang.System", "err", false),
          printStackTraceToTheConsole()))
      .because("a library logs through SLF4J and leaves the console to the application" + WHERE);

  private LayeringRules() {}

  /**
   * Imports the main (non-test) classes of a package and its subpackages from the class path: from every
   * class-path directory or jar that has the package's directory.
   *
   * @param rootPackage the root package, such as {@code io.github.pgrl.envs}
   * @return the classes, without those compiled from test sources
   */
  public static JavaClasses mainClasses(String rootPackage) {
    // The class loader's own lookup of the package is much faster than ArchUnit's importPackages, which also
    // scans every jar (ND4J's native jars are large) for entries without directory entries.
    List<URL> locations;
    try {
      locations = Collections.list(LayeringRules.class.getClassLoader().getResources(rootPackage.replace('.', '/')));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look up the package " + rootPackage, e);
    }
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importUrls(locations);
  }

  /**
   * No class in the given packages depends on ND4J.
   *
   * @param packageIdentifiers ArchUnit package identifiers: {@code a.b} for that package only, {@code a.b..}
   *     for it and its subpackages
   * @return the rule
   */
  public static ArchRule packagesDoNotDependOnNd4j(String... packageIdentifiers) {
    return noClasses().that().resideInAnyPackage(packageIdentifiers)
        .should().dependOnClassesThat().resideInAPackage(ND4J_PACKAGES)
        .because("the contracts and their plain helpers are free of ND4J; it stays inside the implementations"
            + WHERE);
  }

  /**
   * Only the classes of the engine, of {@link #ENGINE_USERS} and the given ones depend on the engine.
   *
   * @param exceptions the fully qualified names of further classes that may (their nested classes too),
   *     each with its reason in {@code docs/ARCHITECTURE.md}
   * @return the rule
   */
  public static ArchRule onlyTheImplementationsUseTheEngine(String... exceptions) {
    List<String> allowed = List.of(exceptions);
    List<String> packages = new ArrayList<>(ENGINE_USERS);
    packages.add(ENGINE_PACKAGE + "..");
    DescribedPredicate<JavaClass> notExcepted = DescribedPredicate.describe("are not " + String.join(" or ", allowed),
        c -> allowed.stream().noneMatch(name -> c.getName().equals(name) || c.getName().startsWith(name + "$")));
    return (allowed.isEmpty()
        ? noClasses().that().resideOutsideOfPackages(packages.toArray(String[]::new))
        : noClasses().that().resideOutsideOfPackages(packages.toArray(String[]::new)).and(notExcepted))
        .should().dependOnClassesThat().resideInAPackage(ENGINE_PACKAGE + "..")
        .because("the engine is not API: its types may change in any release, so only the policies it computes"
            + " and the trainers (for the shared checks and the non-zero hint) use it" + WHERE);
  }

  /**
   * No public or protected member of a public class under {@code rootPackage} but outside the engine
   * mentions a type of the engine in its signature (as {@link #noNd4jInPublicSignatures} checks for ND4J).
   *
   * @param rootPackage the root package, such as {@code io.github.pgrl}; its subpackages are included
   * @return the rule
   */
  public static ArchRule noEngineTypesInPublicSignatures(String rootPackage) {
    DescribedPredicate<JavaMember> outsideTheEngine = DescribedPredicate.describe("are declared outside "
        + ENGINE_PACKAGE, member -> !isIn(member.getOwner().getPackageName(), ENGINE_PACKAGE));
    return members().that(areApiOfClassesUnder(rootPackage)).and(outsideTheEngine)
        .should(notHaveTypesInTheirSignature("a type of the engine", ENGINE_PACKAGE))
        .because("users see the contracts (RecordedSteps, not the engine's Batch): the engine's types may change"
            + " in any release" + WHERE);
  }

  /**
   * No public or protected field, constructor or method of a public class (nested ones only if every
   * enclosing class is public too) under {@code rootPackage} has an ND4J type in its signature: field type,
   * parameter types, return type, type parameters or thrown exceptions, generic arguments included.
   *
   * @param rootPackage the root package, such as {@code io.github.pgrl}; its subpackages are included
   * @return the rule
   */
  public static ArchRule noNd4jInPublicSignatures(String rootPackage) {
    return members().that(areApiOfClassesUnder(rootPackage))
        .should(notHaveTypesInTheirSignature("an ND4J type", "org.nd4j"))
        .because("INDArray is mutable and ND4J's next release will break its API: public signatures use"
            + " float[], double[], int, records or our own small types" + WHERE);
  }

  private static DescribedPredicate<JavaMember> areApiOfClassesUnder(String rootPackage) {
    return DescribedPredicate.describe("are public or protected and declared in a public class in " + rootPackage
        + "..", member -> isApi(member) && isPublicApi(member.getOwner())
            && isIn(member.getOwner().getPackageName(), rootPackage));
  }

  /** Whether {@code pkg} is {@code root} or one of its subpackages. */
  private static boolean isIn(String pkg, String root) {
    return pkg.equals(root) || pkg.startsWith(root + ".");
  }

  private static boolean isApi(JavaMember member) {
    Set<JavaModifier> modifiers = member.getModifiers();
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static boolean isPublicApi(JavaClass type) {
    return type.getModifiers().contains(JavaModifier.PUBLIC)
        && type.getEnclosingClass().map(LayeringRules::isPublicApi).orElse(true);
  }

  /**
   * A member's signature (field type, parameter types, return type, type bounds, thrown exceptions, generic
   * arguments included) mentions no type of {@code rootPackage} or its subpackages.
   */
  private static ArchCondition<JavaMember> notHaveTypesInTheirSignature(String what, String rootPackage) {
    return new ArchCondition<>("not have " + what + " in their signature") {
      @Override
      public void check(JavaMember member, ConditionEvents events) {
        Set<String> found = new TreeSet<>();
        if (member instanceof JavaField field) {
          collect(field.getType(), rootPackage, found);
        } else if (member instanceof JavaCodeUnit codeUnit) {
          codeUnit.getParameterTypes().forEach(t -> collect(t, rootPackage, found));
          collect(codeUnit.getReturnType(), rootPackage, found);
          for (JavaTypeVariable<?> variable : codeUnit.getTypeParameters()) {
            variable.getUpperBounds().forEach(t -> collect(t, rootPackage, found));
          }
          codeUnit.getThrowsClause().getTypes().forEach(t -> collect(t, rootPackage, found));
        }
        if (!found.isEmpty()) {
          events.add(SimpleConditionEvent.violated(member, member.getFullName() + " has " + String.join(", ", found)
              + " in its signature " + member.getSourceCodeLocation()));
        }
      }
    };
  }

  private static void collect(JavaType type, String rootPackage, Set<String> names) {
    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
      JavaClass base = raw.getBaseComponentType();
      if (isIn(base.getPackageName(), rootPackage)) {
        names.add(base.getName());
      }
    }
  }

  /** An access (call, method reference or field access) to a member by owner and name. */
  private static DescribedPredicate<JavaAccess<?>> target(String owner, String name, boolean withoutArguments) {
    String shown = owner + "." + name + (withoutArguments ? "()" : "");
    return DescribedPredicate.describe(shown, access -> {
      AccessTarget target = access.getTarget();
      return target.getOwner().getName().equals(owner)
          && target.getName().equals(name)
          && (!withoutArguments || (target instanceof AccessTarget.CodeUnitAccessTarget codeUnit
              && codeUnit.getRawParameterTypes().isEmpty()));
    });
  }

  private static DescribedPredicate<JavaAccess<?>> printStackTraceToTheConsole() {
    return DescribedPredicate.describe("Throwable.printStackTrace()", access -> {
      AccessTarget target = access.getTarget();
      return target.getName().equals("printStackTrace")
          && target instanceof AccessTarget.CodeUnitAccessTarget codeUnit
          && codeUnit.getRawParameterTypes().isEmpty()
          && target.getOwner().isAssignableTo(Throwable.class);
    });
  }

  @SafeVarargs
  private static DescribedPredicate<JavaAccess<?>> anyOf(DescribedPredicate<JavaAccess<?>>... predicates) {
    DescribedPredicate<JavaAccess<?>> any = predicates[0];
    for (int i = 1; i < predicates.length; i++) {
      any = any.or(predicates[i]);
    }
    StringBuilder description = new StringBuilder("any of ");
    for (int i = 0; i < predicates.length; i++) {
      description.append(i == 0 ? "" : ", ").append(predicates[i].getDescription());
    }
    return any.as(description.toString());
  }
}
