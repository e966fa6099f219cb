package io.github.pgrl.envs.pong;

import io.github.pgrl.core.Policy;
import java.util.Objects;

/**
 * Scripted players for {@link PongEnvironment}, for calibration, tests and recording data sets.
 *
 * @since 0.1.0
 */
public final class PongPlayers {

  private PongPlayers() {}

  /**
   * Plays uniformly random actions.
   *
   * @param env the environment (for its action space)
   * @param <O> the observation type
   * @return the policy
   */
  public static <O> Policy<O, Integer> random(PongEnvironment<O> env) {
    int n = env.config().twoActions() ? 2 : 3;
    return (observation, rng) -> rng.nextInt(n);
  }

  /**
   * Follows the ball using the game's true state (not the pixels), aiming to meet it {@code aim} rows off
   * the paddle's centre so that the return is angled.
   *
   * @param env the environment whose game it reads
   * @param aim rows between the paddle's centre and the ball's centre at contact; 0 returns balls flat,
   *     6 or more returns them steeply
   * @param <O> the observation type
   * @return the policy (it ignores the observation)
   */
  public static <O> Policy<O, Integer> tracker(PongEnvironment<O> env, double aim) {
    Objects.requireNonNull(env, "env");
    boolean two = env.config().twoActions();
    return (observation, rng) -> {
      PongGame g = env.game();
      double ballCentre = g.ballY() + PongGame.BALL_HEIGHT / 2.0;
      // aim above the ball when it comes from above, below when from below: steepens the return
      double target = ballCentre + (g.ballVy() >= 0 ? -aim : aim);
      double paddleCentre = g.agentY() + PongGame.PADDLE_HEIGHT / 2.0;
      double gap = target - paddleCentre;
      // the paddle moves agentSpeed rows per frame for up to frameSkipMax frames per step
      double dead = env.config().agentSpeed() * env.config().frameSkipMax() / 2;
      if (gap < -dead) {
        return two ? 0 : PongGame.UP;
      } else if (gap > dead) {
        return two ? 1 : PongGame.DOWN;
      }
      return two ? (rng.nextBoolean() ? 0 : 1) : PongGame.STAY;
    };
  }
}
