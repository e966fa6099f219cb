package io.github.pgrl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  @Test
  void thePageOfATrainingRunGainsPointsWhileItTrains(@TempDir Path dir) throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if ("1".equals(System.getenv("PGRL_REQUIRE_BROWSER"))) {
      assertTrue(installed, "PGRL_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
    }
    Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");

    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    Path run = dir.resolve("run");
    CompletableFuture<Integer> training = CompletableFuture.supplyAsync(() -> cmd.execute("train", "--env",
        "CartPole-v1", "--algo", "ppo", "--steps", "60000", "--out", run.toString(), "--dashboard", "0"));
    String address = awaitAddress(err, training);

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1300,1500",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver browser = new ChromeDriver(service, options);
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
