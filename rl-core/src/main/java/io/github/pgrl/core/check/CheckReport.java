package io.github.pgrl.core.check;

import java.util.List;
import java.util.Objects;

/**
 * What the {@link EnvironmentChecker} found: the contract violations, notes on checks it could not make,
 * and the optional contracts the environment has (and that were checked).
 *
 * @param environment a description of the environment that was checked
 * @param problems the violations, one sentence each; empty when the environment passed
 * @param notes checks that were skipped and why (not failures)
 * @param contracts the optional contracts the environment implements, by their interface's simple name
 *     ({@code SparseObservations}, {@code ActionMasks}, {@code Restorable}), in that order; each was checked
 * @since 0.1.0
 */
public record CheckReport(String environment, List<String> problems, List<String> notes, List<String> contracts) {

  /**
   * Copies the lists.
   *
   * @throws NullPointerException if an argument is {@code null}
   */
  public CheckReport {
    Objects.requireNonNull(environment, "environment");
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
    contracts = List.copyOf(contracts);
  }

  /**
   * A report of an environment without optional contracts.
   *
   * @param environment a description of the environment that was checked
   * @param problems the violations, one sentence each; empty when the environment passed
   * @param notes checks that were skipped and why (not failures)
   * @throws NullPointerException if an argument is {@code null}
   */
  public CheckReport(String environment, List<String> problems, List<String> notes) {
    this(environment, problems, notes, List.of());
  }

  /**
   * Whether no problem was found.
   *
   * @return {@code problems().isEmpty()}
   */
  public boolean passed() {
    return problems.isEmpty();
  }

  /**
   * One readable message listing the optional contracts, every problem and note.
   *
   * @return the message
   */
  public String message() {
    StringBuilder sb = new StringBuilder();
    if (passed()) {
      sb.append(environment).append(" passed the environment checks");
      if (!contracts.isEmpty()) {
        sb.append(" (with ").append(String.join(", ", contracts)).append(")");
      }
    } else {
      sb.append(environment)
          .append(" failed ")
          .append(problems.size())
          .append(problems.size() == 1 ? " environment check:" : " environment checks:");
      for (String p : problems) {
        sb.append("\n  - ").append(p);
      }
    }
    for (String n : notes) {
      sb.append("\n  (note) ").append(n);
    }
    return sb.toString();
  }

  /**
   * Throws if a problem was found.
   *
   * @return this report, when it passed
   * @throws IllegalArgumentException with {@link #message()} if a problem was found
   */
  public CheckReport orThrow() {
    if (!passed()) {
      throw new IllegalArgumentException(message());
    }
    return this;
  }
}
