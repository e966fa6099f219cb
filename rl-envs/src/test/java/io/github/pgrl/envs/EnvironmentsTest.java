package io.github.pgrl.envs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgrl.core.Environment;
import io.github.pgrl.core.check.EnvironmentChecker;
import io.github.pgrl.envs.cartpole.CartPole;
import io.github.pgrl.envs.pong.PongEnvironment;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentsTest {

  /** Every bundled name, in registration order. */
  private static final List<String> REGISTERED =
      List.of("CartPole-v1", "CartPole-v0", "Pong-rgb-v0", "Pong-binary-v0");

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
  void everyNamedEnvironmentPassesTheEnvironmentChecker() {
    for (String name : Environments.names()) {
      assertDoesNotThrow(() -> EnvironmentChecker.check(() -> Environments.make(name)), name);
    }
  }
}
