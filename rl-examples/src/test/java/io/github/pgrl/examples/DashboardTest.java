package io.github.pgrl.examples;

import static io.github.pgrl.examples.CliRun.assertUserError;
import static io.github.pgrl.examples.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's server answers what the page asks, only that, on 127.0.0.1 by default; it sends an event
 * when a run's file grows or shrinks; {@code --dashboard} and {@code pgrl dashboard} refuse bad input with
 * one message; REINFORCE runs write their per-update file.
 */
class DashboardTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> get(URI uri, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Path runFolder(Path dir, String name) throws Exception {
    Path run = Files.createDirectories(dir.resolve(name));
    Files.writeString(run.resolve(EpisodeTraining.METRICS), EpisodeTraining.HEADER + "\n"
        + "0,10,10,0.5,10.0,10.000,10.000\n1,12,22,0.9,12.0,10.020,11.000\n2,30,52,1.4,30.0,10.220,17.333\n3,4");
    Files.writeString(run.resolve(RunProperties.FILE), "env=CartPole-v1\nmachine.cores=2\nnote=a \"quoted\" <b>\n");
    return run;
  }

  @Test
  void servesThePageItsScriptsAndTheRunsFilesOnTheLoopbackAddress(@TempDir Path dir) throws Exception {
    try (Dashboard d = Dashboard.start(List.of(runFolder(dir, "a"), runFolder(dir, "b")), "127.0.0.1", 0)) {
      assertEquals("127.0.0.1", d.uri().getHost());
      HttpResponse<String> page = get(d.uri(), "/");
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("<script src=\"/uPlot.iife.min.js\"></script>"), page.body());
      for (String resource : List.of("/dashboard.js", "/dashboard.css", "/uPlot.iife.min.js", "/uPlot.min.css")) {
        HttpResponse<String> r = get(d.uri(), resource);
        assertEquals(200, r.statusCode(), resource);
        assertTrue(r.body().length() > 500, resource + ": " + r.body().length() + " characters");
      }
      String runs = get(d.uri(), "/api/runs").body();
      assertTrue(runs.startsWith("[{\"id\":0,\"name\":\"a\""), runs);
      assertTrue(runs.contains("{\"id\":1,\"name\":\"b\""), runs);
      assertTrue(runs.contains("\"machine.cores\":\"2\""), runs);
      assertTrue(runs.contains("\"note\":\"a \\\"quoted\\\" <b>\""), "JSON-escaped (the page shows it as text): " + runs);

      // the header and the complete rows; the row being written (no newline) is left out
      HttpResponse<String> all = get(d.uri(), "/api/runs/0/metrics.csv");
      assertEquals(4, all.body().split("\n").length, all.body());
      long next = Long.parseLong(all.headers().firstValue("X-Next-Offset").orElseThrow());
      assertEquals(all.body().getBytes(StandardCharsets.UTF_8).length, next, "the offset after the last complete row");
      assertEquals("", get(d.uri(), "/api/runs/1/updates.csv").body(), "a file the run does not have yet is empty");
    }
  }

  @Test
  void answersTheRowsWrittenSinceAnOffsetAndTheWholeFileWhenTheOffsetNoLongerFits(@TempDir Path dir) throws Exception {
    Path a = runFolder(dir, "a");
    Path metrics = a.resolve(EpisodeTraining.METRICS);
    try (Dashboard d = Dashboard.start(List.of(a), "127.0.0.1", 0)) {
      HttpResponse<String> first = get(d.uri(), "/api/runs/0/metrics.csv");
      long next = Long.parseLong(first.headers().firstValue("X-Next-Offset").orElseThrow());
      Files.writeString(metrics, ",5.0,10.000,10.000\n4,1,53,1.5,1.0,9.9,9.0\n", StandardOpenOption.APPEND);
      HttpResponse<String> later = get(d.uri(), "/api/runs/0/metrics.csv?from=" + next);
      assertEquals(EpisodeTraining.HEADER + "\n3,4,5.0,10.000,10.000\n4,1,53,1.5,1.0,9.9,9.0\n", later.body(),
          "the row that was being written, now complete, and the next");
      assertTrue(later.headers().firstValue("X-Reset").isEmpty());
      // a resume cut the file: the old offset lies past its end, or inside a row
      Files.writeString(metrics, EpisodeTraining.HEADER + "\n0,10,10,0.5,10.0,10.000,10.000\n");
      for (long stale : new long[] {next + 1000, next - 3}) {
        HttpResponse<String> again = get(d.uri(), "/api/runs/0/metrics.csv?from=" + stale);
        assertEquals("1", again.headers().firstValue("X-Reset").orElse(""), "from=" + stale);
        assertEquals(EpisodeTraining.HEADER + "\n0,10,10,0.5,10.0,10.000,10.000\n", again.body());
      }
    }
  }

  /** A raw request with a Host header of the caller's choice (HttpClient does not let a test set one). */
  private static String rawGet(URI uri, String path, String host) throws Exception {
    try (java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void refusesRequestsToAnotherHostNameAsADnsRebindingPageWouldSend(@TempDir Path dir) throws Exception {
    try (Dashboard d = Dashboard.start(List.of(runFolder(dir, "a")), "127.0.0.1", 0)) {
      int port = d.uri().getPort();
      for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port)) {
        assertTrue(rawGet(d.uri(), "/api/runs", host).startsWith("HTTP/1.1 200"), host);
      }
      String rebound = rawGet(d.uri(), "/api/runs", "attacker.example:" + port);
      assertTrue(rebound.startsWith("HTTP/1.1 421"), rebound);
      assertTrue(!rebound.contains("CartPole"), rebound);
    }
  }

  @Test
  void aRunPropertiesFileThatCannotBeReadIsNamedAndTheOtherRunsStillShow(@TempDir Path dir) throws Exception {
    Path a = runFolder(dir, "a");
    Files.writeString(a.resolve(RunProperties.FILE), "note=\\u12\n"); // a bad escape: Properties.load throws
    try (Dashboard d = Dashboard.start(List.of(a, runFolder(dir, "b")), "127.0.0.1", 0)) {
      HttpResponse<String> r = get(d.uri(), "/api/runs");
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(r.body().contains("\"(unreadable run.properties)\":\"Malformed"), r.body());
      assertTrue(r.body().contains("\"machine.cores\":\"2\""), "run b's properties: " + r.body());
    }
  }

  @Test
  void servesAtMostEightEventStreamsAtOnce(@TempDir Path dir) throws Exception {
    List<HttpResponse<java.io.InputStream>> open = new ArrayList<>();
    try (Dashboard d = Dashboard.start(List.of(runFolder(dir, "a")), "127.0.0.1", 0)) {
      for (int i = 0; i < Dashboard.MAX_STREAMS; i++) {
        open.add(HTTP.send(HttpRequest.newBuilder(d.uri().resolve("/events")).build(),
            HttpResponse.BodyHandlers.ofInputStream()));
        assertEquals(200, open.get(i).statusCode());
      }
      HttpResponse<java.io.InputStream> ninth = HTTP.send(HttpRequest.newBuilder(d.uri().resolve("/events")).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      ninth.body().close();
      assertEquals(503, ninth.statusCode(), "a ninth page");
      open.get(0).body().close();
      // the stream notices the closed page at its next write (within a second) and gives its place back
      int status = 503;
      for (int i = 0; i < 50 && status == 503; i++) {
        Thread.sleep(200);
        HttpResponse<java.io.InputStream> r = HTTP.send(HttpRequest.newBuilder(d.uri().resolve("/events")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
        status = r.statusCode();
        r.body().close();
      }
      assertEquals(200, status, "a place is free again");
    } finally {
      for (HttpResponse<java.io.InputStream> r : open) {
        r.body().close();
      }
    }
  }

  @Test
  void answersNothingElse(@TempDir Path dir) throws Exception {
    Path a = runFolder(dir, "a");
    Files.writeString(dir.resolve("secret.txt"), "secret");
    try (Dashboard d = Dashboard.start(List.of(a), "127.0.0.1", 0)) {
      for (String path : List.of("/api/runs/1/metrics.csv", "/api/runs/0/run.properties", "/api/runs/0/checkpoint.pgrl",
          "/api/runs/0/../../secret.txt", "/api/runs/0/..%2F..%2Fsecret.txt", "/api/runs/0/frame.gif", "/nothing",
          "/api/runs/x/metrics.csv")) {
        HttpResponse<String> r = get(d.uri(), path);
        assertEquals(404, r.statusCode(), path + ": " + r.body());
        assertTrue(!r.body().contains("secret") || path.contains("secret") && !r.body().equals("secret"), r.body());
      }
      HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(d.uri().resolve("/api/runs"))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(405, post.statusCode());
    }
  }

  @Test
  void sendsAnEventWhenARunsFileGrowsOrShrinks(@TempDir Path dir) throws Exception {
    Path a = runFolder(dir, "a");
    try (Dashboard d = Dashboard.start(List.of(a), "127.0.0.1", 0)) {
      BlockingQueue<String> events = new ArrayBlockingQueue<>(100);
      HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(d.uri().resolve("/events")).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertEquals("text/event-stream; charset=utf-8", stream.headers().firstValue("Content-Type").orElse(""));
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("data: ")) {
              events.add(line.substring(6));
            }
          }
        } catch (java.io.IOException e) {
          // closed at the end of the test
        }
      });
      reader.setDaemon(true);
      reader.start();
      assertEquals("{\"run\":0,\"file\":\"metrics.csv\",\"kind\":\"grew\"}", events.poll(10, TimeUnit.SECONDS),
          "the first look: the file is there");
      Files.writeString(a.resolve(EpisodeTraining.METRICS), "5,10,10,0.5,10.0,10.000,10.000\n", StandardOpenOption.APPEND);
      assertEquals("{\"run\":0,\"file\":\"metrics.csv\",\"kind\":\"grew\"}", events.poll(10, TimeUnit.SECONDS));
      Files.writeString(a.resolve(ActorCriticTraining.UPDATES), EpisodeTraining.UPDATES_HEADER + "\n");
      assertEquals("{\"run\":0,\"file\":\"updates.csv\",\"kind\":\"grew\"}", events.poll(10, TimeUnit.SECONDS));
      Files.writeString(a.resolve(EpisodeTraining.METRICS), EpisodeTraining.HEADER + "\n");
      assertEquals("{\"run\":0,\"file\":\"metrics.csv\",\"kind\":\"reset\"}", events.poll(10, TimeUnit.SECONDS),
          "a resumed run cut rows");
      assertEquals(null, events.poll(2500, TimeUnit.MILLISECONDS), "nothing changed since");
      stream.body().close();
    }
  }

  @Test
  void refusesABadPortOrNoRun(@TempDir Path dir) {
    assertThrows(IllegalArgumentException.class, () -> Dashboard.start(List.of(dir), "127.0.0.1", 70_000));
    assertThrows(IllegalArgumentException.class, () -> Dashboard.start(List.of(), "127.0.0.1", 0));
  }

  @Test
  void aTrainCommandWhoseDashboardPortIsTakenStopsBeforeItWritesAnything(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Path out = dir.resolve("run");
      CliRun.Result r = run("train", "--env", "CartPole-v1", "--episodes", "3", "--out", out.toString(), "--dashboard",
          Integer.toString(taken.getLocalPort()));
      assertUserError(r, "--dashboard/--dashboard-host: cannot serve the dashboard on 127.0.0.1:" + taken.getLocalPort());
      assertTrue(!Files.exists(out) || CliRun.names(out).isEmpty(), "written: " + (Files.exists(out) ? CliRun.names(out) : ""));
    }
  }

  @Test
  void theDashboardCommandRefusesAFolderThatIsNoRun(@TempDir Path dir) throws Exception {
    assertUserError(run("dashboard", "--runs", dir.resolve("missing").toString()), "is not a folder");
    assertUserError(run("dashboard", "--runs", dir.toString()), "has neither metrics.csv nor run.properties");
    assertUserError(run("dashboard", "--runs", runFolder(dir, "a").toString(), "--port", "70000"), "--host/--port: port 70000");
    assertUserError(run("dashboard", "--runs", "," + runFolder(dir, "b")), "--runs: an empty folder name");
  }

  @Test
  void reinforceWritesOneRowPerUpdateAndAResumeKeepsTheRowsTheCheckpointHolds(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    CliRun.Result first = run("cartpole", "train", "--episodes", "40", "--batch", "10", "--out", out.toString());
    assertEquals(0, first.code(), first.err());
    List<String> rows = Files.readAllLines(out.resolve(ActorCriticTraining.UPDATES));
    assertEquals(EpisodeTraining.UPDATES_HEADER, rows.get(0));
    assertEquals(5, rows.size(), "4 updates of 10 episodes: " + rows);
    List<String> updates = new ArrayList<>();
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      assertEquals(EpisodeTraining.UPDATES_HEADER.split(",").length, f.length, row);
      assertEquals("10", f[2], "episodes of the update: " + row);
      updates.add(f[0]);
    }
    assertEquals(List.of("0", "1", "2", "3"), updates);
    CliRun.Result more = run("cartpole", "train", "--episodes", "20", "--out", out.toString(), "--resume");
    assertEquals(0, more.code(), more.err());
    List<String> after = Files.readAllLines(out.resolve(ActorCriticTraining.UPDATES));
    assertEquals(7, after.size(), after.toString());
    assertEquals(rows, after.subList(0, 5), "the rows before the resume are kept as they were");
    assertTrue(after.get(6).startsWith("5,"), after.get(6));
  }
}
