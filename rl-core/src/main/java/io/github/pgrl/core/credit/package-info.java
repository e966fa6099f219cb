/**
 * {@link io.github.pgrl.core.CreditAssigner} implementations: how rewards become per-step weights for the
 * policy gradient.
 *
 * <ul>
 *   <li>{@link io.github.pgrl.core.credit.DiscountedReturn}: the discounted return from each step, with
 *       the option to restart the running sum at every non-zero reward (the point boundary of the classic
 *       pong-from-pixels program), and {@link io.github.pgrl.core.credit.DiscountedReturn#rewardToGo()};
 *   <li>{@link io.github.pgrl.core.credit.EpisodeReturn}: every step gets the whole episode's return
 *       (REINFORCE as first written by Williams, 1992);
 *   <li>{@link io.github.pgrl.core.credit.Standardized}: a decorator that standardises weights per
 *       episode or per batch;
 *   <li>{@link io.github.pgrl.core.credit.BaselineSubtracted}: a decorator that subtracts a {@link
 *       io.github.pgrl.core.credit.Baseline};
 *   <li>{@link io.github.pgrl.core.credit.Gae}: generalised advantage estimation (Schulman et al., 2016).
 * </ul>
 *
 * <p>All compute in double precision.
 */
package io.github.pgrl.core.credit;
