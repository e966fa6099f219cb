package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * In a real browser (Debian's headless Chromium through its chromedriver), the page of {@code train
 * --dashboard} draws the run's learning curves and per-update statistics and gains points while the run
 * trains. Skipped where Chromium is not installed, unless {@code PGRL_REQUIRE_BROWSER=1} (which {@code
 * .ci/run} sets after installing it): then its absence fails the test. Leaves a screenshot in {@code
 * target/dashboard-browser-test.png}.
 */
class DashboardBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Headless Chromium, or the test skipped (failed under PGRL_REQUIRE_BROWSER=1) where it is not installed. */
  private static ChromeDriver browser(Path dir) throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if ("1".equals(System.getenv("PGRL_REQUIRE_BROWSER"))) {
      assertTrue(installed, "PGRL_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
    }
    Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1300,1500",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private static int points(org.openqa.selenium.WebDriver b, String id) {
    return points(b.findElement(By.id(id)).getAttribute("data-points"));
  }

  /** A run folder whose metrics.csv holds these rows. */
  private static Path runWith(Path dir, String rows) throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve(EpisodeTraining.METRICS), EpisodeTraining.HEADER + "\n" + rows);
    Files.writeString(run.resolve(RunProperties.FILE), "env=CartPole-v1\n");
    return run;
  }

  @Test
  void theWallTimeOfAResumedRunContinuesWhereItsFirstSessionStopped(@TempDir Path dir) throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int e = 0; e < 10; e++) {
      double seconds = e < 5 ? 1 + e : 0.5 + (e - 5); // the resumed process counts from 0 again
      rows.append(e).append(",10,").append(10 * (e + 1)).append(',').append(seconds).append(",10.0,").append(e)
          .append(".000,10.000\n"); // running score = episode, to read the order off the chart
    }
    ChromeDriver b = browser(dir);
    try (Dashboard d = Dashboard.start(List.of(runWith(dir, rows.toString())), "127.0.0.1", 0)) {
      b.get(d.uri().toString());
      new WebDriverWait(b, Duration.ofSeconds(30), Duration.ofMillis(200)).until(x -> points(x, "by-time") == 10);
      Object ys = b.executeScript("return charts['by-time'].plot.data[1].filter(v => v !== null);");
      assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), ys, "the running scores in episode order");
    } finally {
      b.quit();
    }
  }

  @Test
  void thePageKeepsFollowingARunAfterALoadFails(@TempDir Path dir) throws Exception {
    Path run = runWith(dir, "0,10,10,0.5,10.0,10.000,10.000\n");
    Path metrics = run.resolve(EpisodeTraining.METRICS);
    ChromeDriver b = browser(dir);
    try (Dashboard d = Dashboard.start(List.of(run), "127.0.0.1", 0)) {
      b.get(d.uri().toString());
      WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(30), Duration.ofMillis(200));
      wait.until(x -> points(x, "by-episode") == 1 && "live".equals(x.findElement(By.id("status")).getText()));
      // the next read of metrics.csv fails, as over a dropped connection
      b.executeScript("const f = window.fetch; let once = true; window.fetch = (u, o) => {"
          + " if (once && String(u).includes('metrics.csv')) { once = false;"
          + " return Promise.reject(new TypeError('Failed to fetch')); } return f(u, o); };");
      Files.writeString(metrics, "1,10,20,1.0,10.0,10.000,10.000\n", StandardOpenOption.APPEND);
      Thread.sleep(2500); // the event, and the failed read
      Files.writeString(metrics, "2,10,30,1.5,10.0,10.000,10.000\n", StandardOpenOption.APPEND);
      wait.until(x -> points(x, "by-episode") == 3);
    } finally {
      b.quit();
    }
  }

  @Test
  void thePageOfATrainingRunGainsPointsWhileItTrains(@TempDir Path dir) throws Exception {
    ChromeDriver browser = browser(dir);

    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    Path run = dir.resolve("run");
    CompletableFuture<Integer> training = CompletableFuture.supplyAsync(() -> cmd.execute("train", "--env",
        "CartPole-v1", "--algo", "ppo", "--steps", "60000", "--out", run.toString(), "--dashboard", "0"));
    String address = awaitAddress(err, training);

    try {
      browser.get(address);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));
      int first = wait.until(b -> {
        int n = points(b.findElement(By.id("by-episode")).getAttribute("data-points"));
        return n > 0 ? n : null;
      });
      int later = wait.until(b -> {
        int n = points(b.findElement(By.id("by-episode")).getAttribute("data-points"));
        return n > first ? n : null;
      });
      assertTrue(later > first);
      assertEquals("live", browser.findElement(By.id("status")).getText());
      wait.until(b -> points(b.findElement(By.id("update-policy_loss")).getAttribute("data-points")) > 0);
      assertTrue(points(browser.findElement(By.id("by-time")).getAttribute("data-points")) > 0);
      assertTrue(browser.findElement(By.id("runs")).getText().contains("machine.cores"),
          browser.findElement(By.id("runs")).getText());
      // uPlot drew its canvases: the learning curve's has the chart's width
      assertTrue(browser.findElement(By.cssSelector("#by-episode canvas")).getSize().getWidth() > 200);
      File shot = browser.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), Path.of("target", "dashboard-browser-test.png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      browser.quit();
      int code = training.get();
      assertEquals(0, code, err.toString());
    }
  }

  private static int points(String attribute) {
    return attribute == null ? 0 : Integer.parseInt(attribute);
  }

  /** The address the train command printed ("Dashboard: http://…/"), waiting for it. */
  private static String awaitAddress(StringWriter err, CompletableFuture<Integer> training) throws InterruptedException {
    Pattern line = Pattern.compile("Dashboard: (http://\\S+)");
    for (int i = 0; i < 600; i++) {
      Matcher m = line.matcher(err.toString());
      if (m.find()) {
        return m.group(1);
      }
      if (training.isDone()) {
        throw new AssertionError("the training ended without a dashboard: " + err);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no dashboard address in 60 s: " + err);
  }
}
