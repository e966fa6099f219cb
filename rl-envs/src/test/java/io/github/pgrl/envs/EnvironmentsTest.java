package io.github.pgrl.envs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.EnvironmentContract;
import io.github.pgrl.core.check.EnvironmentChecker;
import io.github.pgrl.envs.acrobot.Acrobot;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.envs.gridmaze.GridMaze;
import io.github.pgrl.envs.mountaincar.MountainCar;
import io.github.pgrl.envs.mountaincar.MountainCarContinuous;
import io.github.pgrl.envs.pendulum.Pendulum;
import io.github.pgrl.envs.pong.PongEnvironment;
import io.github.pgrl.core.Step;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentsTest {

  /** Every bundled name, in registration order. */
  private static final List<String> REGISTERED =
      List.of("CartPole-v1", "CartPole-v0", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1",
          "Pong-rgb-v0", "Pong-binary-v0", "GridMaze-v0");

  @Test
  void cartPoleV1IsACartPoleTruncatedAfter500Steps() {
    CartPole env = assertInstanceOf(CartPole.class, Environments.make("CartPole-v1"));

    assertEquals(500, env.maxEpisodeSteps());
  }

  @Test
  void cartPoleV0IsACartPoleTruncatedAfter200Steps() {
    CartPole env = assertInstanceOf(CartPole.class, Environments.make("CartPole-v0"));

    assertEquals(200, env.maxEpisodeSteps());
  }

  @Test
  void acrobotV1IsAnAcrobotTruncatedAfter500Steps() {
    Acrobot env = assertInstanceOf(Acrobot.class, Environments.make("Acrobot-v1", float[].class, Integer.class));

    assertEquals(500, env.maxEpisodeSteps());
    assertEquals(6, env.reset(0).length);
  }

  @Test
  void mountainCarV0IsAMountainCarTruncatedAfter200Steps() {
    MountainCar env =
        assertInstanceOf(MountainCar.class, Environments.make("MountainCar-v0", float[].class, Integer.class));

    assertEquals(200, env.maxEpisodeSteps());
    assertEquals(2, env.reset(0).length);
  }

  @Test
  void mountainCarContinuousV0IsTruncatedAfter999Steps() {
    MountainCarContinuous env =
        assertInstanceOf(MountainCarContinuous.class, Environments.make("MountainCarContinuous-v0"));

    assertEquals(999, env.maxEpisodeSteps());
  }

  @Test
  void pendulumV1HasGravity10AndIsTruncatedAfter200Steps() {
    Pendulum env = assertInstanceOf(Pendulum.class, Environments.make("Pendulum-v1"));

    assertEquals(10.0, env.g());
    assertEquals(200, env.maxEpisodeSteps());
  }

  @Test
  void aTypedContinuousEnvironmentTakesFloatArrayActionsWithoutACast() {
    try (Environment<float[], float[]> env = Environments.make("Pendulum-v1", float[].class, float[].class)) {
      float[] first = env.reset(3);
      Step<float[]> step = env.step(new float[] {1.5f});

      assertEquals(3, first.length);
      assertEquals(3, step.observation().length);
    }
    try (Environment<float[], float[]> env = Environments.make("MountainCarContinuous-v0", float[].class,
        float[].class)) {
      assertEquals(2, env.reset(3).length);
      assertEquals(2, env.step(new float[] {-0.5f}).observation().length);
    }
  }

  @Test
  void aContinuousEnvironmentAskedForIntegerActionsNamesItsFloatArrayActions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Environments.make("Pendulum-v1", float[].class, Integer.class));

    assertEquals("'Pendulum-v1' is an Environment<float[], float[]>, not an Environment<float[], Integer>; ask for"
        + " make(\"Pendulum-v1\", float[].class, float[].class)", e.getMessage());
  }

  @Test
  void pongNamesMakeTheRgbAndTheClassicBinaryPong() {
    assertInstanceOf(PongEnvironment.Rgb.class, Environments.make("Pong-rgb-v0"));
    PongEnvironment.Binary binary = assertInstanceOf(PongEnvironment.Binary.class, Environments.make("Pong-binary-v0"));

    assertEquals(80, binary.side());
  }

  @Test
  void everyCallMakesANewEnvironmentThatIsNotYetReset() {
    Environment<?, ?> first = Environments.make("CartPole-v1");
    Environment<?, ?> second = Environments.make("CartPole-v1");

    assertNotSame(first, second);
    CartPole cartPole = (CartPole) first;
    cartPole.reset(0);
    assertDoesNotThrow(() -> cartPole.step(1));
    assertThrows(IllegalStateException.class, () -> ((CartPole) second).step(1), "resetting one reset the other");
  }

  @Test
  void namesListsTheBundledEnvironmentsInRegistrationOrder() {
    assertEquals(REGISTERED, List.copyOf(Environments.names()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CartPole-v2", "cartpole-v1", "CartPole", "CartPole-v1 ", "", "Pong-v0"})
  void unknownNamesThrowIllegalArgumentExceptionListingTheKnownNames(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Environments.make(name));

    String message = e.getMessage();
    assertTrue(message.contains("'" + name + "'"), message);
    for (String known : Environments.names()) {
      assertTrue(message.contains(known), () -> known + " is not listed in: " + message);
    }
  }

  @Test
  void namesCannotBeChanged() {
    Set<String> names = Environments.names();

    assertThrows(UnsupportedOperationException.class, () -> names.add("Mine-v0"));
    assertThrows(UnsupportedOperationException.class, () -> names.remove("CartPole-v1"));
    assertThrows(UnsupportedOperationException.class, names::clear);
    assertThrows(UnsupportedOperationException.class, () -> {
      Iterator<String> it = names.iterator();
      it.next();
      it.remove();
    });
    assertEquals(REGISTERED, List.copyOf(Environments.names()));
    assertInstanceOf(CartPole.class, Environments.make("CartPole-v1"));
  }

  @Test
  void aTypedCartPoleTrainsWithoutACast() {
    try (Environment<float[], Integer> env = Environments.make("CartPole-v1", float[].class, Integer.class)) {
      float[] first = env.reset(3);
      Step<float[]> step = env.step(1);

      assertEquals(4, first.length);
      assertEquals(4, step.observation().length);
      assertInstanceOf(CartPole.class, env);
    }
  }

  static Stream<Arguments> namesAndTheirTypes() {
    return Stream.of(
        arguments("CartPole-v1", float[].class, Integer.class, CartPole.class),
        arguments("CartPole-v0", float[].class, Integer.class, CartPole.class),
        arguments("Acrobot-v1", float[].class, Integer.class, Acrobot.class),
        arguments("MountainCar-v0", float[].class, Integer.class, MountainCar.class),
        arguments("MountainCarContinuous-v0", float[].class, float[].class, MountainCarContinuous.class),
        arguments("Pendulum-v1", float[].class, float[].class, Pendulum.class),
        arguments("Pong-rgb-v0", byte[].class, Integer.class, PongEnvironment.Rgb.class),
        arguments("Pong-binary-v0", float[].class, Integer.class, PongEnvironment.Binary.class),
        arguments("GridMaze-v0", float[].class, Integer.class, GridMaze.class));
  }

  @Test
  void everyNameHasItsTypesListed() {
    assertEquals(REGISTERED, namesAndTheirTypes().map(a -> a.get()[0]).collect(Collectors.toList()));
  }

  /** The registered classes are those of what the environment really observes and accepts. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("namesAndTheirTypes")
  <O, A> void aTypedEnvironmentObservesAndAcceptsItsTypes(String name, Class<O> observationType, Class<A> actionType,
      Class<?> environmentClass) {
    try (Environment<O, A> env = Environments.make(name, observationType, actionType)) {
      assertInstanceOf(environmentClass, env);
      assertInstanceOf(observationType, env.reset(1));
      A action = EnvironmentContract.validAction(env, new SplittableRandom(1)); // a space's sample unless masked
      assertInstanceOf(actionType, action);
      assertInstanceOf(observationType, env.step(action).observation());
    }
  }

  @Test
  void anotherObservationTypeIsRefusedNamingTheActualTypes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Environments.make("Pong-rgb-v0", float[].class, Integer.class));

    assertEquals("'Pong-rgb-v0' is an Environment<byte[], Integer>, not an Environment<float[], Integer>; ask for"
        + " make(\"Pong-rgb-v0\", byte[].class, Integer.class)", e.getMessage());
  }

  @Test
  void anotherActionTypeIsRefusedNamingTheActualTypes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Environments.make("CartPole-v1", float[].class, Long.class));

    assertEquals("'CartPole-v1' is an Environment<float[], Integer>, not an Environment<float[], Long>; ask for"
        + " make(\"CartPole-v1\", float[].class, Integer.class)", e.getMessage());
  }

  /** An Environment<float[], Object> would take any object as an action, and a Space<Object> test any value. */
  @Test
  void aSuperclassOrAPrimitiveIsNotTheExactType() {
    IllegalArgumentException observation = assertThrows(IllegalArgumentException.class,
        () -> Environments.make("CartPole-v1", Object.class, Integer.class));
    IllegalArgumentException action = assertThrows(IllegalArgumentException.class,
        () -> Environments.make("CartPole-v1", float[].class, Object.class));
    IllegalArgumentException primitive = assertThrows(IllegalArgumentException.class,
        () -> Environments.make("CartPole-v1", float[].class, int.class));

    assertTrue(observation.getMessage().contains("not an Environment<Object, Integer>"), observation.getMessage());
    assertTrue(action.getMessage().contains("not an Environment<float[], Object>"), action.getMessage());
    assertTrue(primitive.getMessage().contains("not an Environment<float[], int>"), primitive.getMessage());
  }

  /** Holds a class of the same simple name as Integer, to show that the message tells them apart. */
  private static final class Lookalike {
    private static final class Integer {}
  }

  @Test
  void aClassWithTheSameSimpleNameIsNamedInFull() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Environments.make("CartPole-v1", float[].class, Lookalike.Integer.class));

    assertEquals("'CartPole-v1' is an Environment<float[], java.lang.Integer>, not an Environment<float[],"
        + " io.github.pgrl.envs.EnvironmentsTest.Lookalike.Integer>; ask for make(\"CartPole-v1\", float[].class,"
        + " java.lang.Integer.class)", e.getMessage());
  }

  @Test
  void aTypedMakeOfAnUnknownNameListsTheKnownNames() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Environments.make("CartPole-v9", float[].class, Integer.class));

    assertEquals("no bundled environment is called 'CartPole-v9'; known: " + Environments.names(), e.getMessage());
  }

  @Test
  void aTypedMakeWithoutATypeIsRefusedByName() {
    assertEquals("observationType", assertThrows(NullPointerException.class,
        () -> Environments.make("CartPole-v1", null, Integer.class)).getMessage());
    assertEquals("actionType", assertThrows(NullPointerException.class,
        () -> Environments.make("CartPole-v1", float[].class, null)).getMessage());
  }

  @Test
  void everyNamedEnvironmentPassesTheEnvironmentChecker() {
    for (String name : Environments.names()) {
      assertDoesNotThrow(() -> EnvironmentChecker.check(() -> Environments.make(name)), name);
    }
  }
}
